import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { CalibrationDto } from './dto/calibration.dto.js';
import { PredictionDto } from './dto/prediction.dto.js';
import { SimulationsService } from './simulations.service.js';

/** Simulation before piloting (issue 8): parameters from history, predictions of a redesign. */
@ApiTags('simulations')
@Controller('simulations')
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post('calibration')
  @Allow('POST /api/simulations/calibration')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    description: "Simulation parameters fitted to the version's recorded cases (arrivals, working times with goodness of fit, branch and escalation probabilities, case mix)",
  })
  @ApiUnprocessableEntityResponse({ description: 'SIMULATION_NO_HISTORY, SIMULATION_TOO_LARGE' })
  calibrate(@Body() body: CalibrationDto) {
    return this.simulations.calibrate(body);
  }

  @Post('predictions')
  @Allow('POST /api/simulations/predictions')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Per figure the mean over the replications with a 95 % interval; with a candidate, both predictions and the paired differences' })
  @ApiUnprocessableEntityResponse({ description: 'SIMULATION_PARAMETERS_INVALID (details.problems naming each field), SIMULATION_TOO_LARGE, SIMULATION_NO_POOL' })
  predict(@Body() body: PredictionDto) {
    return this.simulations.predict(body);
  }
}
