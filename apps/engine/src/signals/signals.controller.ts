import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { BroadcastSignalDto } from './dto/broadcast-signal.dto.js';
import { SignalBroadcastView } from './dto/signal-broadcast.view.js';
import { SignalsService } from './signals.service.js';

@ApiTags('signals')
@Controller('signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  @Post()
  @Allow('POST /api/signals')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Broadcast a signal',
    description:
      'Triggers every open signal subscription with the name (catch events, boundary events, event-based gateway branches, ' +
      'event sub-process starts) and starts one instance per signal start event with the name in the newest version of each ' +
      'process. A signal reaching nothing is not an error: triggered is 0. Signals are never buffered.',
  })
  @ApiOkResponse({ type: SignalBroadcastView })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, naming the field' })
  broadcast(@Body() body: BroadcastSignalDto): Promise<SignalBroadcastView> {
    return this.signals.broadcast(body.name, body.variables);
  }
}
