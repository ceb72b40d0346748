/** The deadline engine's name for general complaints. */
export const COMPLAINT_TRACK = 'complaint' as const;
