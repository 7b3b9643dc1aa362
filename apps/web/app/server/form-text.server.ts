/** A text field of a submitted form, as a string of at most `max` characters (files and absences → ""). */
export function formText(form: FormData, name: string, max = 1000): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}
