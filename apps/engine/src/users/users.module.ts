import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { GroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';
import { IdentitySeeder } from './identity-seeder.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Admins manage users and groups; the start-up seeding of users lives here too. */
@Module({
  imports: [AuthModule],
  controllers: [UsersController, GroupsController],
  providers: [UsersService, GroupsService, IdentitySeeder],
})
export class UsersModule {}
