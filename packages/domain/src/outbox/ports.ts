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
}

export interface OutboxPorts {
  email: EmailSender;
  sms: SmsSender;
}
