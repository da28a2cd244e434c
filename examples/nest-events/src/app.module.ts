import { Module } from "@nestjs/common";
import { EventEmitterModule } from "@nestjs/event-emitter";
import { UsersController } from "./users/users.controller";
import { WelcomeMailListener } from "./users/welcome-mail.listener";

@Module({ imports: [EventEmitterModule.forRoot()], controllers: [UsersController], providers: [WelcomeMailListener] })
export class AppModule {}
