import { Body, Controller, Get, Param, Post } from "@nestjs/common";
import { AuditService } from "./audit.service";

interface CreateOrderDto {
  sku: string;
  quantity: number;
}

@Controller("orders")
export class OrdersController {
  private readonly orders = new Map<string, CreateOrderDto>();

  constructor(private readonly audit: AuditService) {}

  @Post()
  async create(@Body() dto: CreateOrderDto) {
    const id = crypto.randomUUID();
    this.orders.set(id, dto);
    this.audit.record("order.created", id);
    return { id, ...dto };
  }

  @Get(":id")
  findOne(@Param("id") id: string) {
    return this.orders.get(id) ?? null;
  }
}
