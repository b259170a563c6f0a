export { createHttpSmsClient, type HttpSmsOptions, type SmsClient } from './http-sms-client.js';
