import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { CheckboxInput, HiddenFieldsProblem } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { blockFormSchema } from "~/forms/line-forms";
import { useT } from "~/root";
import type { LineView } from "./line-view";

/**
 * The line's blocks, each reason on its own (they coexist): lift one, set another. A block for a
 * lost SIM goes through a confirmation that says what it does (`?confirm=loss`, a page state that
 * needs no JavaScript); the limit's block is shown but belongs to the spending limit.
 */
export function BlockPanel({
  line,
  confirmLoss,
  lastResult,
}: {
  line: LineView;
  confirmLoss: boolean;
  lastResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const has = (reason: string) => line.blocks.includes(reason as LineView["blocks"][number]);
  return (
    <section className="panel" aria-labelledby="line-status-title" id="status">
      <h2 id="line-status-title">{t("line.status.title")}</h2>
      {line.blocks.length === 0 ? (
        <p data-testid="line-blocks">
          <span className="badge badge-ok">{t("line.status.active")}</span> {t("line.status.activeText")}
        </p>
      ) : (
        <ul className="plain-list" data-testid="line-blocks">
          {line.blocks.map((reason) => (
            <li key={reason} className="block-reason">
              <span className="badge badge-bad">{t(`line.block.${reason}`)}</span>
              {reason === "limit" ? (
                <span className="muted"> {t("line.block.limitText")}</span>
              ) : (
                <Form method="post" className="inline-form" preventScrollReset>
                  <CsrfField />
                  <input type="hidden" name="intent" value="unblock" />
                  <input type="hidden" name="version" value={line.version} />
                  <input type="hidden" name="reason" value={reason} />
                  <button type="submit" className="button button-small button-quiet" disabled={busy}>
                    {t(`line.unblock.${reason}`)}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {has("voluntary") ? null : (
          <Form method="post" preventScrollReset>
            <CsrfField />
            <input type="hidden" name="intent" value="block" />
            <input type="hidden" name="version" value={line.version} />
            <input type="hidden" name="reason" value="voluntary" />
            <button type="submit" className="button button-small button-quiet" disabled={busy}>
              {t("line.block.voluntary.submit")}
            </button>
          </Form>
        )}
        {has("loss") || confirmLoss ? null : (
          <Link to="?confirm=loss#block-loss-confirm" className="button button-small button-danger" preventScrollReset>
            {t("line.block.loss.start")}
          </Link>
        )}
      </div>
      {confirmLoss && !has("loss") ? <LossConfirmation line={line} lastResult={lastResult} /> : null}
    </section>
  );
}

/** What a block for loss does, and the tick that says the administrator read it. */
function LossConfirmation({ line, lastResult }: { line: LineView; lastResult: SubmissionResult<FieldError> | null }) {
  const t = useT();
  const [form, fields] = useSchemaForm(blockFormSchema, { id: "block-loss", lastResult });
  const navigation = useNavigation();
  return (
    <section className="notice notice-warn" id="block-loss-confirm" aria-labelledby="block-loss-title">
      <h3 className="notice-title" id="block-loss-title">
        {t("line.block.loss.title", { msisdn: line.msisdn })}
      </h3>
      <p>{t("line.block.loss.what")}</p>
      <p>{t("line.block.loss.after")}</p>
      <HiddenFieldsProblem fields={[fields.intent, fields.version, fields.reason]} />
      <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="block" />
        <input type="hidden" name="version" value={line.version} />
        <input type="hidden" name="reason" value="loss" />
        <CheckboxInput field={fields.confirmLoss} label={t("line.block.loss.confirm")} value="yes" />
        <div className="actions">
          <button type="submit" className="button button-danger" disabled={navigation.state === "submitting"}>
            {t("line.block.loss.submit")}
          </button>
          <Link to="." preventScrollReset>
            {t("line.block.loss.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
