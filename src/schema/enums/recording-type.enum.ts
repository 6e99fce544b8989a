import { registerEnumType } from 'type-graphql';

export enum RecordingType {
  NONE = 'NONE',
  LOCAL = 'LOCAL',
  CLOUD = 'CLOUD',
}

registerEnumType(RecordingType, {
  name: 'RecordingType',
  description:
    'Automatic recording when the host joins (`auto_record_type`, umeeting `recording`).',
  valuesConfig: {
    NONE: { description: 'No automatic recording.' },
    LOCAL: { description: "Record automatically on the host's machine." },
    CLOUD: { description: "Record automatically in the provider's cloud." },
  },
});
