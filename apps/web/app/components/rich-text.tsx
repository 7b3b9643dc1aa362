import { Fragment, type ReactNode } from "react";

/**
 * A catalogue text whose {placeholders} are filled with elements rather than strings, e.g. a phone
 * number kept on one line: <RichText text={t("key")} values={{ contact: <Nowrap>…</Nowrap> }} />.
 * Pass the text untranslated-parameters (t("key") without params) so the placeholders remain.
 */
export function RichText({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text never reorder
          <Fragment key={index}>{part in values ? values[part] : `{${part}}`}</Fragment>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function Nowrap({ children }: { children: ReactNode }) {
  return <span className="nowrap">{children}</span>;
}
