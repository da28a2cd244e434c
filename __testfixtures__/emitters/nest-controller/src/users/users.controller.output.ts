import { Body, Controller, Get, Param, Post } from "@nestjs/common";
import { EventEmitter2 } from "@nestjs/event-emitter";
import { USER_REGISTERED, USER_VIEWED, type UserRegistered } from "./events.js";

@Controller("users")
export class UsersController {
  constructor(private readonly eventEmitter: EventEmitter2) {}

  @Post()
  async register(@Body() body: { email: string }) {
    const payload: UserRegistered = { id: "u1", email: body.email };
    await this.eventEmitter.emitAsync(USER_REGISTERED, payload);
    return { id: payload.id };
  }

  @Post(":id/welcome")
  async welcome(@Param("id") id: string) {
    await this.eventEmitter.emitAsync("user.welcomed", { id });
    const delivered = this.eventEmitter.emit(USER_REGISTERED, { id, email: "" });
    return { delivered };
  }

  @Get(":id")
  findOne(@Param("id") id: string) {
    this.eventEmitter.emit(USER_VIEWED, id);
    return { id };
  }
}
