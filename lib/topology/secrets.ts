/** Field names that look like secrets: such fields are refused and their values redacted. */
export const SECRET_KEY = /(psk|pre[-_]?shared|secret|password|passwd|auth[-_]?key|access[-_]?key|private[-_]?key|token)/i;
