// A bare control connection, for checks basic-ftp hides (like the port a PASV reply offers).
import net from 'node:net';

export async function passivePortOffered(host: string, port: number, user: string, password: string): Promise<number> {
  const socket = net.connect(port, host);
  socket.setEncoding('utf8');
  let buffer = '';
  const replies: string[] = [];
  socket.on('data', (d: string) => {
    buffer += d;
    let i;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (/^\d{3} /.test(line)) replies.push(line);
    }
  });
  const next = async (): Promise<string> => {
    const deadline = Date.now() + 10_000;
    while (replies.length === 0) {
      if (Date.now() > deadline) throw new Error('no FTP reply');
      await new Promise((r) => setTimeout(r, 20));
    }
    return replies.shift()!;
  };
  try {
    await next(); // greeting
    socket.write(`USER ${user}\r\n`);
    await next();
    socket.write(`PASS ${password}\r\n`);
    const login = await next();
    if (!login.startsWith('230')) throw new Error(`login refused: ${login}`);
    socket.write('PASV\r\n');
    const pasv = await next();
    const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(pasv);
    if (!m) throw new Error(`unexpected PASV reply: ${pasv}`);
    return Number(m[5]) * 256 + Number(m[6]);
  } finally {
    socket.destroy();
  }
}
