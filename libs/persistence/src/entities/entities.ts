import { CallActivityEntity } from './call-activity.entity.js';
import { DecisionEntity } from './decision.entity.js';
import { ExternalTaskEntity } from './external-task.entity.js';
import { IncidentEntity } from './incident.entity.js';
import { InstanceAuditEntity } from './instance-audit.entity.js';
import { InstanceEntity } from './instance.entity.js';
import { JobEntity } from './job.entity.js';
import { ProcessVersionEntity } from './process-version.entity.js';
import { StepEventEntity } from './step-event.entity.js';
import { TaskEntity } from './task.entity.js';
import { VariableEntity } from './variable.entity.js';

export const ENTITIES = [
  ProcessVersionEntity,
  InstanceEntity,
  TaskEntity,
  ExternalTaskEntity,
  JobEntity,
  VariableEntity,
  StepEventEntity,
  IncidentEntity,
  DecisionEntity,
  CallActivityEntity,
  InstanceAuditEntity,
];
