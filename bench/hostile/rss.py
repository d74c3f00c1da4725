#!/usr/bin/env python3
"""Peak RSS of `oasis-eth dev` under the hostile workloads of issue 10 (item 7), loopback only, bounded.

  python3 bench/hostile/rss.py path/to/oasis-eth.dll [--big 2400000 --count 100 --fill 2000 --steps pool,ws,trace]

1. pool: --count transactions of --big zero bytes of calldata, each from a dev account with a nonce gap (so they
   stay queued), then 128 KiB ones until the pool refuses;
2. ten txpool_content requests pipelined on one WebSocket without reading the answers (then read them);
3. debug_traceTransaction (struct logger) of a transaction spinning for 10,000,000 gas.
Prints VmHWM (peak) and VmRSS after each step, from /proc/PID/status. Standard library only.
"""
import base64, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request, urllib.error

dll = sys.argv[1]
args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
BIG = int(args.get('--big', 2_400_000))
COUNT = int(args.get('--count', 100))
STEPS = args.get('--steps', 'pool,ws,trace').split(',')
FILL = int(args.get('--fill', 2000))  # 128 KiB transactions added after the big ones (until the pool refuses)

data_dir = tempfile.mkdtemp(prefix='oasis-rss-')
proc = subprocess.Popen(['dotnet', dll, 'dev', '--datadir', data_dir, '--http.port', '0'],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
url = None
for line in proc.stdout:
    m = re.match(r'Listening on (http://\S+)', line)
    if m:
        url = m.group(1)
        break
threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
host, port = url[len('http://'):].split(':')
port = int(port)

def status():
    fields = {}
    with open(f'/proc/{proc.pid}/status') as f:
        for line in f:
            k, _, v = line.partition(':')
            fields[k] = v.strip()
    return fields['VmHWM'], fields['VmRSS']

def report(step):
    hwm, rss = status()
    print(f'{step:<48} peak {hwm:>12}   now {rss:>12}', flush=True)

def call(method, *params, timeout=120):
    body = json.dumps({'jsonrpc': '2.0', 'id': 1, 'method': method, 'params': list(params)}).encode()
    req = urllib.request.Request(url, body, {'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())

accounts = call('eth_accounts')['result']
report('started')

# 1. The pool.
admitted = refused = 0
if 'pool' not in STEPS: COUNT = 0
for i in range(COUNT):
    sender = accounts[1 + i % 9]
    tx = {'from': sender, 'to': accounts[0], 'gas': hex(29_000_000), 'nonce': hex(1000 + i // 9),
          'data': '0x' + '00' * BIG}
    r = call('eth_sendTransaction', tx)
    if 'error' in r: refused += 1
    else: admitted += 1
report(f'pool: {admitted} of {BIG:,} B admitted, {refused} refused')
small = 0
for i in range(FILL if 'pool' in STEPS else 0):
    sender = accounts[1 + i % 9]
    tx = {'from': sender, 'to': accounts[0], 'gas': hex(1_400_000), 'nonce': hex(5000 + i // 9),
          'data': '0x' + '00' * (128 * 1024 - 200)}
    r = call('eth_sendTransaction', tx)
    if 'error' in r:
        break
    small += 1
status_r = call('txpool_status')['result']
report(f'pool: +{small} of 128 KiB; status {status_r}')

# 2. Ten txpool_content pipelined on one WebSocket, answers not read at first.
def websocket_step():
  s = socket.create_connection((host, port))
  key = base64.b64encode(os.urandom(16)).decode()
  s.sendall((f'GET / HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
             f'Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
  resp = b''
  while b'\r\n\r\n' not in resp:
      resp += s.recv(4096)
  assert b' 101 ' in resp.split(b'\r\n')[0], resp

  def frame(text):
      payload = text.encode()
      mask = os.urandom(4)
      n = len(payload)
      head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, 'big'))
      return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

  s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
  for i in range(10):
      s.sendall(frame(json.dumps({'jsonrpc': '2.0', 'id': i, 'method': 'txpool_content'})))
  peak_wait = time.time() + 20
  while time.time() < peak_wait:
      time.sleep(1)
  report('ws: 10 txpool_content pipelined, unread 20 s')
  # Read for at most 60 s in all (the server's keep-alive pings would reset a per-recv timeout forever).
  s.settimeout(5)
  got = 0
  deadline = time.time() + 60
  try:
      while time.time() < deadline:
          try:
              chunk = s.recv(1 << 20)
          except socket.timeout:
              continue
          if not chunk:
              break
          got += len(chunk)
  except (socket.timeout, OSError) as e:
      print(f'ws: {e}', flush=True)
  s.close()
  report(f'ws: answers read ({got:,} B)')

if 'ws' in STEPS:
    websocket_step()

# 2b. Ten txpool_content at once over ten HTTP connections.
if 'http' in STEPS:
    sizes = []
    def fetch():
        try:
            r = call('txpool_content')
            sizes.append('error' if 'error' in r else 'ok')
        except Exception as e:
            sizes.append(str(e)[:30])
    threads = [threading.Thread(target=fetch) for _ in range(10)]
    for t in threads: t.start()
    for t in threads: t.join()
    report(f'http: 10 concurrent txpool_content: {sorted(sizes)}')

# 3. Trace of a 10M-gas loop.
if 'trace' not in STEPS:
    proc.terminate(); proc.wait(timeout=60); shutil.rmtree(data_dir, ignore_errors=True); sys.exit(0)
spinner_init = '0x600360' + '0a5f3960035ff3' + '5b5f56'
r = call('eth_sendTransaction', {'from': accounts[0], 'data': spinner_init, 'gas': hex(200_000)})
receipt = call('eth_getTransactionReceipt', r['result'])['result']
spinner = receipt['contractAddress']
r = call('eth_sendTransaction', {'from': accounts[0], 'to': spinner, 'gas': hex(10_000_000)})
tx_hash = r['result']
report('trace: spinning transaction mined')
t0 = time.time()
try:
    r = call('debug_traceTransaction', tx_hash, timeout=300)
    outcome = ('error ' + json.dumps(r['error'])) if 'error' in r else f"{len(r['result']['structLogs']):,} struct logs"
except Exception as e:  # a node that dies or a response too large to read
    outcome = f'failed: {e}'
report(f'trace: answered in {time.time() - t0:.1f} s: {outcome[:60]}')
time.sleep(5)
report('trace: 5 s later')

proc.terminate()
proc.wait(timeout=60)
shutil.rmtree(data_dir, ignore_errors=True)
