import { Controller } from "@nestjs/common";
import { EventPattern, MessagePattern, Payload } from "@nestjs/microservices";
import { AnalyticsService } from "./analytics.service";

@Controller()
export class OrderEventsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @MessagePattern({ cmd: "get_order" })
  async getOrder(@Payload() id: string) {
    await this.analytics.track("order_fetched", id);
    return { id };
  }

  @EventPattern("order_shipped")
  async shipped(@Payload() data: { id: string }) {
    await this.analytics.track("order_shipped", data.id);
  }

  label(id: string): string {
    return `order ${id}`;
  }
}
