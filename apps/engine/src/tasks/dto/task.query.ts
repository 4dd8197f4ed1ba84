import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, MinLength } from 'class-validator';
import type { TaskListView, TaskSort, TaskStatus } from '#persistence';
import { PageQuery, TOTAL_COUNT_HEADER } from '../../common/page.query.js';

/** `true`/`false` from the query string; anything else stays as it is for IsBoolean to refuse by name. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A variable name a list may show as a column. */
const VARIABLE_NAME = /^[A-Za-z_][\w.-]{0,63}$/;

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['mine', 'queue', 'all'],
    description:
      'mine: assigned to me; queue: open, unassigned, offered to me or one of my groups; all: both (an admin: every task). ' +
      'Absent: every task assigned or offered to me, whoever holds it',
  })
  @IsOptional()
  @IsIn(['mine', 'queue', 'all'])
  view?: TaskListView;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  instanceId?: string;

  @ApiPropertyOptional({ description: 'Tasks offered to this group' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  group?: string;

  @ApiPropertyOptional({ description: 'Tasks this group may work on (the same as group)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  candidateGroup?: string;

  @ApiPropertyOptional({ description: 'Tasks this user is named a candidate for' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  candidateUser?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  assignee?: string;

  @ApiPropertyOptional({ enum: ['inquiry', 'diagnosis', 'solution', 'follow-up'] })
  @IsOptional()
  @IsString()
  @MinLength(1)
  stage?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Tasks of at least this priority' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  priority?: number;

  @ApiPropertyOptional({ example: 'complaint' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  processKey?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Tasks due before this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueBefore?: Date;

  @ApiPropertyOptional({ description: 'Tasks whose due date has (true) or has not (false) been breached' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ enum: ['open', 'completed', 'canceled'], description: 'Default open; with instanceId, every status (the case view)' })
  @IsOptional()
  @IsIn(['open', 'completed', 'canceled'])
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: ['priority', 'due', 'created'], description: 'Default: priority (highest first), then due date (soonest first)' })
  @IsOptional()
  @IsIn(['priority', 'due', 'created'])
  sort?: TaskSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Of the sort key; default desc for priority, asc otherwise' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({
    default: true,
    description: `false: no ${TOTAL_COUNT_HEADER} (its count skipped; the tasklist counts its tabs with GET /api/tasks/count)`,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  total?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: 'customer,channel',
    description: "Up to 5 case variables to show beside each task (comma-separated names), answered in each task's `columns`",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((name) => name.trim()) : value))
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(VARIABLE_NAME, { each: true, message: 'columns must be variable names (letters, digits, _ . -), comma-separated' })
  columns?: string[];
}

/** The filters of a list, for GET /api/tasks/count: no page, order or columns. */
export class TaskCountQuery extends OmitType(TaskQuery, ['limit', 'offset', 'sort', 'order', 'columns', 'total'] as const) {}
