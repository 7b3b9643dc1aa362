import type { JobHandler, PeriodicTask } from "./job-types.ts";

// Every kind of background job and every periodic task, in one place: the runner (in the web
// server's job thread, in `pnpm cabinet jobs work`, in tests) takes them from here. Add one import
// and one entry per kind.

// biome-ignore lint/suspicious/noExplicitAny: each handler declares its own payload type
export const jobHandlers: Record<string, JobHandler<any>> = {};

export const periodicTasks: PeriodicTask[] = [];
