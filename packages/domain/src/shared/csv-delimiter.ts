/**
 * The separator of an uploaded CSV's first line outside quotes: `;` when it has any, else `,`.
 * Excel in a Russian locale writes `;`, most other programs `,`; people's files are one or the
 * other, and the first line (the header, or the first row) says which.
 */
export function sniffDelimiter(text: string): ";" | "," {
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semicolons++;
    else if (!quoted && ch === ",") commas++;
  }
  return semicolons > 0 || commas === 0 ? ";" : ",";
}
