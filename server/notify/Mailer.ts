import nodemailer, { type Transporter } from 'nodemailer';

/** One e-mail to send. */
export interface Mail {
	to: string[];
	subject: string;
	text: string;
}

/** Sends e-mail when SMTP is configured (SMTP_URL, e.g. smtp://user:pass@mail.example.vn:587). */
export class Mailer {
	readonly #transport: Transporter | null;
	readonly #from: string;

	constructor(smtpUrl: string | undefined, from: string | undefined) {
		this.#transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
		this.#from = from || 'Kết Luận <no-reply@localhost>';
	}

	/** True when e-mail is configured. */
	get enabled(): boolean {
		return this.#transport !== null;
	}

	/** Sends one mail (no-op without SMTP or recipients). Rejects when the SMTP server refuses it. */
	async send(mail: Mail): Promise<void> {
		if (!this.#transport || mail.to.length === 0) return;
		await this.#transport.sendMail({ from: this.#from, to: mail.to.join(', '), subject: mail.subject, text: mail.text });
	}

	/** Closes the SMTP connection pool. */
	close(): void {
		this.#transport?.close();
	}
}
