import { Injectable, Logger } from "@nestjs/common";
import { OnEvent } from "@nestjs/event-emitter";
import { USER_REGISTERED, UserRegisteredEvent } from "./events";

@Injectable()
export class WelcomeMailListener {
  private readonly logger = new Logger(WelcomeMailListener.name);

  @OnEvent(USER_REGISTERED, { async: true })
  async sendWelcomeEmail(event: UserRegisteredEvent) {
    await fetch("https://mail.example.com/send", {
      method: "POST",
      body: JSON.stringify({ to: event.email, template: "welcome" }),
    });
    this.logger.log(`welcome email sent to ${event.email}`);
  }
}
