import { Injectable } from "@nestjs/common";
import { OnEvent } from "@nestjs/event-emitter";
import { USER_VIEWED } from "./events.js";

@Injectable()
export class ViewsListener {
  views = 0;

  @OnEvent(USER_VIEWED, { async: false })
  count() {
    this.views++;
  }
}
