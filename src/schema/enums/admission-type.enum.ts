import { registerEnumType } from 'type-graphql';

export enum AdmissionType {
  PUBLIC = 'PUBLIC',
  REGISTRATION = 'REGISTRATION',
  PASSWORD = 'PASSWORD',
}

registerEnumType(AdmissionType, {
  name: 'AdmissionType',
  description: 'Who may watch a webinar (`admission_type` 0/1/2).',
  valuesConfig: {
    PUBLIC: { description: 'Anyone with the link (0).' },
    REGISTRATION: { description: 'Audience must register first (1).' },
    PASSWORD: { description: 'Audience must enter the webinar password (2).' },
  },
});
