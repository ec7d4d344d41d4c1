import { loginRate } from './login-client.ts';
console.log(await loginRate({ host: '127.0.0.1', port: 19555, transport: 'psk', name: '*UserAgent*', password: 'pw' }, 8, 5000));
