import { notFound } from "./http.server";

/** The numeric id in a route like /office/applications/$id; anything else is a 404. */
export function applicationIdParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) notFound();
  const id = Number(value);
  if (!Number.isSafeInteger(id)) notFound();
  return id;
}
