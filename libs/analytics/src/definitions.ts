/**
 * The definition text of every figure the reports show (DESIGN.md section 5, docs/analytics.md),
 * shown beside the number. Time is classified before it is counted: the desk's time (queue,
 * claimed-idle, working, hand-off) is what "waiting" and "working" mean; designed waits and
 * external-system time are counted apart, and lead time holds everything.
 */
export const DEFINITIONS = {
  timeClasses:
    "Time is classified before it is counted. The desk's time: queue, claimed-idle, working (processing) and hand-off. Not the desk's: designed waits (timer, message, signal and conditional catch events, event-based gateways, receive tasks: the process waits on purpose for a date or the customer) and external-system time (an external task, ready until a worker completes it). Waiting always means the desk's waiting; designed waits have their own column.",
  queue:
    "Queue time (the desk's): from ready (or unclaimed, or escalated to a new queue) until claimed, for work the desk does. Designed waits and external tasks are not queue time: they have their own columns.",
  claimedIdle: "Claimed-idle time (the desk's): from claimed (or paused) until work started.",
  waiting:
    "Waiting time (the desk's): ready until started, that is queue time plus claimed-idle time, of work the desk does. Designed waits (timers, customer replies) and external-system time are not waiting.",
  processing:
    "Processing (working) time (the desk's): from started until paused, escalated, completed or canceled, summed over every stretch of work. An external worker's time is external-system time, not processing.",
  handoff: "Hand-off time (the desk's): the previous activity completed in another lane, until this activity became ready. Counted only where the lane changes.",
  duration: 'Duration: ready until completed or canceled, whatever its class (for a sub-process, multi-instance body or call activity, the time of what ran inside it).',
  designedWait:
    "Designed wait (not the desk's): ready until completed or canceled of a timer, message, signal or conditional catch event, an event-based gateway or a receive task: the process waits on purpose for a date or the customer. Shown apart; never waiting, never a bottleneck.",
  externalSystem:
    "External-system time (not the desk's): an external task (service or send task, message throw delivered by a worker) from ready until completed: waiting to be fetched, then the worker's time between fetch and complete.",
  leadTime: 'Lead time: instance start until instance end, everything included (designed waits and external-system time too).',
  deskTime:
    "The desk's time: the lead time without the instants in which the case only waits by design or on an external system (from the decomposition, so parallel branches count once).",
  decomposition:
    'Lead time decomposed instant by instant: an instant counts as processing if any activity of the case is being worked on, else claimed-idle, else queue, else hand-off (these four are the desk\'s), else external-system time, else designed wait; "other" is the rest (gateways, engine time, nothing active), so the parts add up to the lead time exactly.',
  nvaShare:
    "NVA share: the desk's waiting plus processing time in NVA activities, divided by the lead time (designed waits and external-system time are not counted in the NVA time).",
  nvaSteps: 'NVA steps: activity instances of NVA elements per case.',
  nvaStaffMinutes: "NVA staff-minutes: the desk's processing minutes in NVA activities per case.",
  pce: "Process cycle efficiency (of the desk's time): processing time in VA activities divided by the desk's time, the lead time without designed waits and external-system time.",
  pceOfLeadTime: 'Process cycle efficiency of the lead time: processing time in VA activities divided by the whole lead time, designed waits and external-system time included.',
  waitingShare:
    "Waiting share (the desk's): the queue and claimed-idle parts of the lead-time decomposition, divided by the desk's time (the lead time without designed waits and external-system time).",
  designedWaitShare: "Designed-wait share: the designed-wait part of the lead-time decomposition divided by the lead time. Not the desk's, so not in the waiting share.",
  bottleneck:
    "Bottleneck ranking: the desk's activities by the desk's total waiting contributed (count x mean waiting time). Designed waits are listed apart (designedWaits) and never ranked; external tasks have no waiting.",
  utilisation:
    "Utilisation: the desk's processing time of a team (the first candidate group of a user task, else its lane) divided by its available time, the analysed window (calendar time, no working hours) x the number of group members. Without a group size only the share of all processing time is given. External workers' time is not a team's.",
  rework:
    'Rework: an activity executed more than once in a case (multi-instance items do not count); rework rate = share of cases with any rework. A loop is the element sequence from one execution of an activity to its next.',
  fcr: 'First-contact resolution: share of completed cases resolved by the first tier (every user task in the lane of the first one, or in the configured first-tier lanes), with no escalation and no new case for the same customer key started within the repeat window after the case ended.',
  slaFirstResponse:
    'First-response SLA attainment: share of cases whose first human task started within the SLA of the instance start (cases with no human task started are left out).',
  slaResolution:
    "Resolution SLA attainment: share of completed cases whose desk's time (the lead time without designed waits such as a timer before a survey call, and without external-system time) is within the SLA.",
  escalationRate: 'Escalation rate: share of ended cases with at least one escalated step.',
  repeatContactRate: 'Repeat-contact rate: share of cases with a customer key for which an earlier case of the same customer started within the repeat window before this one.',
  costPerCase: "Cost per case: the sum over its activities of the desk's processing minutes x the hourly cost of the role (costPerHour of the task, else the default).",
  csat: 'CSAT: mean of the satisfaction score variable captured in the case (cases without it are left out).',
  nps: 'NPS: percent promoters (score 9-10) minus percent detractors (0-6) of the recommendation score variable.',
  meanLeadTime: 'Lead time per case in hours: instance start until end, over ended cases, everything included (designed waits and external-system time too).',
  handlingTime: "Handling time per case in minutes: the desk's processing time summed over the activities of the case (an external worker's time is not handling).",
} as const;

export type FigureKey = keyof typeof DEFINITIONS;
