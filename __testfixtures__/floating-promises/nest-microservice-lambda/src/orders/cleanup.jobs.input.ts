import { Injectable } from "@nestjs/common";
import { Cron, CronExpression, Interval, Timeout } from "@nestjs/schedule";
import { AnalyticsService } from "./analytics.service";

@Injectable()
export class CleanupJobs {
  constructor(private readonly analytics: AnalyticsService) {}

  @Cron(CronExpression.EVERY_HOUR)
  purgeCarts() {
    this.analytics.track("carts_purged");
  }

  @Interval(60_000)
  async heartbeat() {
    this.analytics.track("heartbeat");
  }

  @Timeout(5_000)
  warmUp(): void {
    this.analytics.track("warmed_up");
  }

  notAJob() {
    this.analytics.track("not_a_job");
  }
}
