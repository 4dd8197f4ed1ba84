import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A worker's BPMN error (Camunda's handleBpmnError): a business outcome the model catches, not a technical failure. */
export class ThrowBpmnErrorDto {
  @ApiProperty({ description: 'The worker holding the lock' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  workerId: string;

  @ApiProperty({ description: 'The error code an error boundary event or error event sub-process catches (a catch-all catches any)' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  errorCode: string;

  @ApiPropertyOptional({ description: 'Why, for people: it becomes the incident message when nothing catches the error' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  errorMessage?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Variables that travel with the error to the catching event (through its output mappings, else into the catch's scope)",
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
