export interface RateLimitsTables {
  rate_limit_counters: {
    /** HMAC of the limit's key (route and client address, or e-mail address) under the installation secret. */
    key_hash: string;
    hits: number;
    window_ends_at: Date;
  };
}
