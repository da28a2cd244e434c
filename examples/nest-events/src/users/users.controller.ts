import { Body, Controller, HttpCode, Post } from "@nestjs/common";
import { EventEmitter2 } from "@nestjs/event-emitter";
import { randomUUID } from "node:crypto";
import { USER_REGISTERED, UserRegisteredEvent } from "./events";

@Controller("users")
export class UsersController {
  constructor(private readonly eventEmitter: EventEmitter2) {}

  @Post()
  @HttpCode(201)
  register(@Body() body: { email: string }) {
    const userId = randomUUID();
    this.eventEmitter.emit(USER_REGISTERED, new UserRegisteredEvent(userId, body.email));
    return { userId };
  }
}
