import { Injectable } from "@nestjs/common";
import { OnEvent } from "@nestjs/event-emitter";
import { USER_REGISTERED, type UserRegistered } from "./events.js";

@Injectable()
export class MailListener {
  readonly sent: string[] = [];

  @OnEvent(USER_REGISTERED, { async: true })
  async sendWelcomeEmail(event: UserRegistered) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    this.sent.push(event.email);
  }

  @OnEvent(["user.registered", "user.welcomed"], { nextTick: true })
  async audit(event: unknown) {
    await Promise.resolve(event);
  }
}
