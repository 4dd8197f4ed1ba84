import { ApiProperty } from '@nestjs/swagger';
import type { DraftView as DraftShape } from '#api-types';
import type { ModelDraft } from '#persistence';

/** A user's autosaved modeler draft. */
export class DraftView implements DraftShape {
  @ApiProperty() name: string;
  @ApiProperty() xml: string;
  @ApiProperty() origin: string;
  @ApiProperty({ format: 'date-time' }) savedAt: string;

  static of(draft: ModelDraft): DraftView {
    return Object.assign(new DraftView(), { name: draft.name, xml: draft.xml, origin: draft.origin, savedAt: draft.savedAt.toISOString() });
  }
}
