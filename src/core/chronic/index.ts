/** Outpatient chronic and special diseases (门诊慢特病, R-C1…R-C6): pure rules. */
export * from './application.ts';
export * from './candidate.ts';
export * from './catalog.ts';
export * from './errors.ts';
export * from './icd.ts';
export * from './notice.ts';
export * from './pharmacy.ts';
export * from './qualification.ts';
export * from './recognition.ts';
export * from './recompute.ts';
export * from './screening.ts';
export * from './types.ts';
