# Runs many AWS CLI v2 commands in one Python process: the same awscli package /usr/bin/aws runs
# (`awscli.clidriver.AWSCLIEntryPoint`), a fresh driver and session per command, so nothing is cached between commands;
# only Python's start-up (~0.5 s a call) is shared. Reads JSON lines {"env": {...}, "args": [...]} on stdin,
# writes JSON lines {"code", "stdout", "stderr"} on stdout.
import io
import json
import os
import sys

sys.path.insert(0, '/usr/lib/python3/dist-packages')
import awscli.clidriver  # noqa: E402

real_stdout = sys.stdout
for raw in sys.stdin:
    req = json.loads(raw)
    for k in list(os.environ):
        # AWS_DATA_PATH is set by awscli itself on import (where its models live).
        if k.startswith('AWS_') and k != 'AWS_DATA_PATH':
            del os.environ[k]
    os.environ.update(req['env'])
    out = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', newline='')
    err = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', newline='')
    sys.stdout, sys.stderr = out, err
    try:
        # Exactly what /usr/bin/aws runs: awscli.clidriver.main() == AWSCLIEntryPoint().main(argv).
        code = awscli.clidriver.AWSCLIEntryPoint().main(req['args'])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except Exception as e:  # a crash is a result too
        err.write('crash: %r' % (e,))
        code = -1
    finally:
        sys.stdout, sys.stderr = real_stdout, sys.__stderr__
    out.flush()
    err.flush()
    res = {'code': code, 'stdout': out.buffer.getvalue().decode('utf-8', 'replace'), 'stderr': err.buffer.getvalue().decode('utf-8', 'replace')}
    real_stdout.write(json.dumps(res) + '\n')
    real_stdout.flush()
