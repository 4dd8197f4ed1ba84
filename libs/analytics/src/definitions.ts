/** The definition text of every figure the reports show (DESIGN.md section 5), shown beside the number. */
export const DEFINITIONS = {
  queue: 'Queue time: from ready (or unclaimed, or escalated to a new queue) until claimed. Activities nobody claims (timers, messages, receive tasks, automatic steps) wait in the queue from ready to their end.',
  claimedIdle: 'Claimed-idle time: from claimed (or paused) until work started.',
  waiting: 'Waiting time: ready until started, that is queue time plus claimed-idle time.',
  processing: 'Processing time: from started until paused, escalated, completed or canceled, summed over every stretch of work.',
  handoff: 'Hand-off time: the previous activity completed in another lane, until this activity became ready. Counted only where the lane changes.',
  duration: 'Duration: ready until completed or canceled (for a sub-process, multi-instance body or call activity, the time of what ran inside it).',
  leadTime: 'Lead time: instance start until instance end.',
  decomposition:
    'Lead time decomposed instant by instant: an instant counts as processing if any activity of the case is being worked on, else claimed-idle, else queue, else hand-off; "other" is the rest (gateways, engine time, nothing active), so the parts add up to the lead time exactly.',
  nvaShare: 'NVA share: waiting plus processing time spent in NVA activities, divided by the lead time.',
  nvaSteps: 'NVA steps: activity instances of NVA elements per case.',
  nvaStaffMinutes: 'NVA staff-minutes: processing minutes spent in NVA activities per case.',
  pce: 'Process cycle efficiency: processing time in VA activities divided by the lead time.',
  waitingShare: 'Waiting share: the queue and claimed-idle parts of the lead-time decomposition, divided by the lead time.',
  bottleneck: 'Bottleneck ranking: activities by total waiting contributed (count x mean waiting time).',
  utilisation:
    'Utilisation: processing time of a team (the first candidate group of a user task, else its lane) divided by its available time, the analysed window (calendar time, no working hours) x the number of group members. Without a group size only the share of all processing time is given.',
  rework: 'Rework: an activity executed more than once in a case (multi-instance items do not count); rework rate = share of cases with any rework. A loop is the element sequence from one execution of an activity to its next.',
  fcr: 'First-contact resolution: share of completed cases resolved by the first tier (every user task in the lane of the first one, or in the configured first-tier lanes), with no escalation and no new case for the same customer key started within the repeat window after the case ended.',
  slaFirstResponse: 'First-response SLA attainment: share of cases whose first human task started within the SLA of the instance start (cases with no human task started are left out).',
  slaResolution: 'Resolution SLA attainment: share of completed cases whose lead time is within the SLA.',
  escalationRate: 'Escalation rate: share of ended cases with at least one escalated step.',
  repeatContactRate: 'Repeat-contact rate: share of cases with a customer key for which an earlier case of the same customer started within the repeat window before this one.',
  costPerCase: 'Cost per case: the sum over its activities of processing minutes x the hourly cost of the role (costPerHour of the task, else the default).',
  csat: 'CSAT: mean of the satisfaction score variable captured in the case (cases without it are left out).',
  nps: 'NPS: percent promoters (score 9-10) minus percent detractors (0-6) of the recommendation score variable.',
  meanLeadTime: 'Lead time per case in hours: instance start until end, over ended cases.',
  handlingTime: 'Handling time per case in minutes: processing time summed over the activities of the case.',
} as const;

export type FigureKey = keyof typeof DEFINITIONS;
