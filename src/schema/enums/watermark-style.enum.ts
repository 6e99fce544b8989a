import { registerEnumType } from 'type-graphql';

export enum WatermarkStyle {
  SINGLE_ROW = 'SINGLE_ROW',
  MULTI_ROW = 'MULTI_ROW',
}

registerEnumType(WatermarkStyle, {
  name: 'WatermarkStyle',
  description: 'Style of the screen-share watermark (`water_mark_type` / `watermark_type`).',
  valuesConfig: {
    SINGLE_ROW: { description: 'One row (0).' },
    MULTI_ROW: { description: 'Several rows (1).' },
  },
});
