import type en from './en.js';

/** Every message key of the report. A catalogue that leaves one out, or adds one, is a type error. */
export type ReportMessages = { readonly [K in keyof typeof en]: string };
export type ReportKey = keyof ReportMessages;
