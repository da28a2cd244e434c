import { Module } from "@nestjs/common";
import { AuditService } from "./orders/audit.service";
import { OrdersController } from "./orders/orders.controller";

@Module({ controllers: [OrdersController], providers: [AuditService] })
export class AppModule {}
