/** What the outbox hands to an e-mail transport (the SMTP adapter lives in @cabinet/mail). */
export interface EmailSender {
  send(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    attachments: { filename: string; contentType: string; content: Uint8Array }[];
  }): Promise<unknown>;
}

/** What the outbox hands to an SMS gateway. */
export interface SmsSender {
  send(sms: { to: string; text: string; messageId: string }): Promise<unknown>;
  /**
   * True for the development SMS outbox, where the outbox table is the phone and a delivered SMS
   * keeps its text. Anything else is a real gateway: once it has an SMS, a password in it is blanked.
   */
  readonly isDevelopmentOutbox?: boolean;
}

export interface OutboxPorts {
  email: EmailSender;
  sms: SmsSender;
}
