import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { RoomsService } from '../rooms/rooms.service';
import { WorkerPool } from '../workers/worker-pool.service';

/** Liveness for the load balancer and the container HEALTHCHECK. */
@Controller('media')
export class HealthController {
  constructor(
    private readonly pool: WorkerPool,
    private readonly rooms: RoomsService,
  ) {}

  @Get('health')
  @HttpCode(200)
  health() {
    const workers = this.pool.live().length;
    if (workers === 0) throw new ServiceUnavailableException({ status: 'down', workers });
    return { status: 'ok', workers, rooms: this.rooms.snapshot().length };
  }
}
