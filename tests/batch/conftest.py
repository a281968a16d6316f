"""A small folder of posts for the batch tests: dated, undated, Chinese, nested, hidden, broken."""

from __future__ import annotations

from pathlib import Path

import pytest

ALPHA = """---
title: "Alpha <script>alert('x')</script> & friends"
date: 2024-03-01
url: https://example.com/alpha?a=1&b=2
---

# Alpha

The service mesh moves retries and timeouts out of application code. Teams adopted it because every
service needed mutual TLS. The sidecar proxy intercepts all traffic between services. Istio was created
in 2017 by Google, IBM and Lyft. Ambient mode removes the sidecar to cut memory use.
"""

BRAVO = """---
title: Bravo
date: 2023-01-05
---

Kubernetes schedules containers onto nodes. The scheduler scores every node before it binds a pod.
Operators extend the API with custom resources. Because controllers reconcile state, failures heal
themselves. Helm packages manifests into charts that teams can share.
"""

CHARLIE = """---
title: Charlie
date: "2024-03-01T09:30:00+08:00"
---

Envoy is a high performance proxy written in C++. It was built at Lyft to handle service traffic.
Envoy supports WebAssembly filters for extensions. Its xDS API lets a control plane push configuration.
"""

DELTA = """Observability needs metrics, logs and traces. Prometheus scrapes metrics from every pod.
Traces show how a request travels through many services. Because logs are verbose, teams sample them.
Dashboards help operators spot regressions quickly.
"""

ECHO_ZH = """---
title: 服务网格简介
date: 2022-12-31
---

服务网格把重试和超时从应用代码中移出来。很多团队采用它，因为每个服务都需要双向 TLS。Istio 创建于 2017 年。
Sidecar 代理会拦截服务之间的所有流量。Ambient 模式去掉了 Sidecar，从而减少内存占用。
"""


def write_posts(root: Path) -> Path:
    """Write the folder; returns it. Two broken files and two that a folder search must skip."""
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (root / "bravo.md").write_text(BRAVO, encoding="utf-8")
    (root / "sub" / "charlie.markdown").write_text(CHARLIE, encoding="utf-8")
    (root / "delta.txt").write_text(DELTA, encoding="utf-8")
    (root / "echo.zh.md").write_text(ECHO_ZH, encoding="utf-8")
    (root / "broken.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden" / "secret.md").write_text(BRAVO, encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    return root


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    return write_posts(tmp_path / "posts")


@pytest.fixture(scope="session")
def warm() -> None:
    """Load jieba, Punkt and the quiz machinery once, so forked workers inherit them warm."""
    from summarize.batch.engines import warm as warm_up
    from summarize.batch.task import Options

    warm_up(Options(quiz=True))
