import { Body, Controller, Get, Param, Post } from "@nestjs/common";
import { AnalyticsService } from "./analytics.service";

@Controller("orders")
export class OrdersController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Post()
  async create(@Body() body: { sku: string }) {
    this.analytics.track("order_created", body.sku);
    return { ok: true, sku: body.sku };
  }

  @Get(":id")
  findOne(@Param("id") id: string) {
    this.analytics.track("order_viewed", id);
    return { id };
  }

  @Get(":id/summary")
  summary(@Param("id") id: string) {
    this.analytics.track("order_summarised", id);
    return { ...this.findOne(id), summary: this.describe(id) };
  }

  describe(id: string): string {
    this.analytics.track("order_described", id);
    return `order ${id}`;
  }
}
