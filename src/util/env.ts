/** Environment variables as a command receives them (the process's, or a test's). */
export type Env = Readonly<Record<string, string | undefined>>;
