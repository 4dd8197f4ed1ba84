import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CallActivityFollowUps } from './call-activities/call-activity-follow-ups.service.js';
import { ExternalTaskAvailability } from './external-tasks/external-task-availability.js';
import { InstanceCommands } from './instances/instance-commands.service.js';
import { BufferedMessageDelivery } from './messages/buffered-delivery.service.js';
import { SignalsService } from './signals/signals.service.js';
import { TaskEvents } from './tasks/task-events.service.js';

/**
 * Everything that reacts to InstanceCommands' commits, listed here and nowhere else. It lives above
 * the features because they all run commands through InstanceCommands: the list cannot sit below them.
 */
@Injectable()
export class CommitReactions implements OnModuleInit {
  constructor(
    private readonly commands: InstanceCommands,
    private readonly availability: ExternalTaskAvailability,
    private readonly calls: CallActivityFollowUps,
    private readonly buffered: BufferedMessageDelivery,
    private readonly signals: SignalsService,
    private readonly taskEvents: TaskEvents,
  ) {}

  onModuleInit(): void {
    this.commands.react({
      // A called process must be deployed, and an error handed up must be caught above, before anything is written.
      before: [this.calls],
      // In order: wake the workers of new external tasks, start and end called processes,
      // deliver buffered messages to new subscriptions, broadcast thrown signals, tell open tasklists.
      after: [this.availability, this.calls, this.buffered, this.signals, this.taskEvents],
    });
  }
}
