/** The open format's convention for times without a zone, for every time shown under it. */
import { createContext } from 'react';
import type { NaiveConvention } from './time-display';

/** Null outside a format (or for a format that does not say): such times show as stored. */
export const NaiveTimeContext = createContext<NaiveConvention | null>(null);
