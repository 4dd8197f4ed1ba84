import { ApiProperty } from '@nestjs/swagger';

/** An instance the signal could not reach, and why. */
export class SignalFailureView {
  @ApiProperty({ description: 'The instance, or the process key for a start that failed' }) target: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

/** Where a broadcast signal arrived. */
export class SignalBroadcastView {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Instances the signal reached: receivedBy plus started' }) triggered: number;
  @ApiProperty({ type: [String], description: 'Running instances whose waiting signal subscriptions it triggered' }) receivedBy: string[];
  @ApiProperty({ type: [String], description: 'Instances it started at a signal start event' }) started: string[];
  @ApiProperty({ type: [SignalFailureView], description: 'Targets where triggering failed (e.g. an expression error)' }) failed: SignalFailureView[];

  static of(name: string, receivedBy: string[], started: string[], failed: SignalFailureView[]): SignalBroadcastView {
    return Object.assign(new SignalBroadcastView(), { name, triggered: receivedBy.length + started.length, receivedBy, started, failed });
  }
}
