export const USER_REGISTERED = "user.registered";

export class UserRegisteredEvent {
  constructor(
    readonly userId: string,
    readonly email: string,
  ) {}
}
