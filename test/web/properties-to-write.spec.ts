import { describe, expect, it } from '@jest/globals';
import { propertiesToWrite } from '../../apps/web/src/modeler/properties/properties-to-write.js';

describe('propertiesToWrite', () => {
  it('clears the waste type when a step becomes VA', () => {
    // given an NVA step with a waste type, when it is reclassified VA
    const sut = propertiesToWrite('valueClass', 'VA', { wasteType: 'overprocessing' });
    // then the same change removes the waste type
    expect(sut).toEqual({ valueClass: 'VA', wasteType: undefined });
  });

  it('keeps the waste type for BVA and NVA, and writes other fields alone', () => {
    expect(propertiesToWrite('valueClass', 'BVA', { wasteType: 'waiting' })).toEqual({ valueClass: 'BVA' });
    expect(propertiesToWrite('valueClass', 'VA', {})).toEqual({ valueClass: 'VA' });
    expect(propertiesToWrite('stage', 'diagnosis', { wasteType: 'waiting' })).toEqual({ stage: 'diagnosis' });
  });

  it('removes an attribute set to blank', () => {
    expect(propertiesToWrite('standardMinutes', '  ', {})).toEqual({ standardMinutes: undefined });
  });
});
