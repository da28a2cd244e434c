export const USER_REGISTERED = "user.registered";
export const USER_VIEWED = "user.viewed";

export interface UserRegistered {
  id: string;
  email: string;
}
