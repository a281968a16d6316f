"""An editor's deletions, and the tests for sentences that cannot stand alone, tell stories or sell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.model import Sentence
from summarize.score.editing import edit
from summarize.score.point_shapes import makes_a_point, narrates
from summarize.score.standalone import leans_outside, unnamed_third_person
from summarize.score.quality import lacks_a_verb, rejection


def sentence(text: str, lang: str = "en") -> Sentence:
    return Sentence(id=0, text=text, lang=lang, block=0, start=0, end=len(text), line=1)


@pytest.mark.parametrize(
    ("text", "spoken", "expected"),
    [
        ("但简而言之，我们处理所有 CLI 工具。", False, "简而言之，我们处理所有 CLI 工具。"),
        ("但是对于大规模集群来说，提升是实实在在的。", False, "对于大规模集群来说，提升是实实在在的。"),
        ("So that was largely why Samsung had me working on Kubernetes.", True, "That was largely why Samsung had me working on Kubernetes."),
        ("I would say Envoy is becoming the standard for the sidecar proxy.", True,
         "Envoy is becoming the standard for the sidecar proxy."),
        ("As I mentioned before, Service Mesh uses a sidecar proxy.", True, "Service Mesh uses a sidecar proxy."),
        ("Knative is basically a way to simplify Kubernetes for developers.", True,
         "Knative is a way to simplify Kubernetes for developers."),
        ("So, I think, the control plane should stay small.", True, "The control plane should stay small."),
        ("But if annotations have become the API, we need a schema.", False, "If annotations have become the API, we need a schema."),
        ("I believe that project was a collaborative effort.", True, "That project was a collaborative effort."),
        ("What I think matters most is latency.", True, "What I think matters most is latency."),
        ("因此，不应该允许应用程序工作负载访问 docker 套接字。", False, "不应该允许应用程序工作负载访问 docker 套接字。"),
        ("我觉得 Envoy 已经很好了。", True, "Envoy 已经很好了。"),
        ("跑的 是 Cilium 作为 CNI 就是 每天 大概 会有 几十个 工单", True, "跑的是 Cilium 作为 CNI 每天大概会有几十个工单。"),
        ("那个后来我们就去做用户访谈", True, "后来我们就去做用户访谈。"),
        # A spoken pause particle or a filler between commas goes; a written "呢" is left alone.
        ("最开始为了提高利用率嘛，我们是混部的", True, "最开始为了提高利用率，我们是混部的。"),
        ("我们先迁了小库，就是，非核心的那些", True, "我们先迁了小库，非核心的那些。"),
        ("他们呢，也在用 Istio", False, "他们呢，也在用 Istio。"),
        ("Yup, so the drains went from hours to minutes.", True, "The drains went from hours to minutes."),
        ("Anyway, every cluster sits in one of four upgrade rings.", True, "Every cluster sits in one of four upgrade rings."),
        # A false start cut by a dash goes; the restart is the sentence ("was--" before a restart stays: held back).
        ("You basically--RPC is a way to call a method on another machine.", True,
         "RPC is a way to call a method on another machine."),
        ("The mesh is great and--'cause it encrypts every hop by default.", True,
         "The mesh is great 'cause it encrypts every hop by default."),
        ("We keep the protos in one repo, so in--you know, to be precise, every service imports them.", True,
         "We keep the protos in one repo, so to be precise, every service imports them."),
        ("What we used to do was-- the release team owned enhancements.", True,
         "What we used to do was-- the release team owned enhancements."),
        ("We are looking at-- not the technical strategy, which the maintainers own.", True,
         "We are looking at-- not the technical strategy, which the maintainers own."),
        ("After the outage we rewrote it--twice, because the first fix leaked memory.", True,
         "After the outage we rewrote it--twice, because the first fix leaked memory."),
        ("Three things matter--latency, cost and the security of the mesh.", True,
         "Three things matter--latency, cost and the security of the mesh."),
        ("The way I explain it to new hires is with a restaurant analogy of waiters and kitchens.", True,
         "The way I explain it to new hires is with a restaurant analogy of waiters and kitchens."),
        # A spoken preamble before the point; a name written in mixed case keeps it.
        ("Well, if I had to say it in one line, it would be gRPC is an RPC framework built on HTTP/2 that any "
         "service can use.", True, "gRPC is an RPC framework built on HTTP/2 that any service can use."),
        ("The way I think about it is, the mesh moves networking into the platform.", True,
         "The mesh moves networking into the platform."),
        # A start abandoned for a condition; a softener with the comma a removed "like" left.
        ("We have if we're burning at fourteen times the rate over an hour, that's a page.", True,
         "If we're burning at fourteen times the rate over an hour, that's a page."),
        ("Fewer people have actually, like, done it.", True, "Fewer people have done it."),
        # An aside deleted from between commas leaves no comma after a word that cannot end a clause, or before a verb.
        ("because we were, like, hiding small ones before", True, "Because we were hiding small ones before."),
        ("We pulled images from, like, shared NAT IPs.", True, "We pulled images from shared NAT IPs."),
        ("The cluster, I think, was too small.", True, "The cluster was too small."),
        ("We had a problem, like, the cache was cold every morning.", True, "We had a problem, the cache was cold every morning."),
        ("What we had, in the end, was a queue.", True, "What we had, in the end, was a queue."),
        # A hedge before a figure goes: the figure is the point.
        ("At launch the autoscaler adds, I think it was around four hundred nodes.", True,
         "At launch the autoscaler adds around four hundred nodes."),
        ("It is actually, you know, fine.", True, "It is actually, you know, fine."),
        ("We had forty, actually, fifty nodes.", True, "We had forty, actually, fifty nodes."),
        ("It was once the default scheduler for batch jobs.", True, "It was once the default scheduler for batch jobs."),
        ("A box — actually three boxes — runs the store — and the warehouse — today.", True,
         "A box — actually three boxes — runs the store today."),
        # A softener right after a dash stays: deleting it shortened this into an "aside" that took the verb with it.
        ("About how they moved their--basically, their entire infrastructure over to Google Cloud Platform so they "
         "could work--what is it, 75 million users?", True, "About how they moved their--basically, their entire "
         "infrastructure over to Google Cloud Platform so they could work--what is it, 75 million users?"),
        ("what users want and like, and dropped the rest", True, "What users want and like, and dropped the rest."),
        ("我们不知道它在干嘛，就先关了", True, "我们不知道它在干嘛，就先关了。"),
        ("The rotation changed, and like, the most common answer was dread.", True,
         "The rotation changed, and the most common answer was dread."),
        # A correction between dashes stays: without it the sentence says what the speaker took back.
        ("Every store has a little box in the back office — actually three little boxes — running a cluster.", True,
         "Every store has a little box in the back office — actually three little boxes — running a cluster."),
        # A translator's or editor's note inside the sentence is the page's gloss, not the author's words: it goes.
        ("apiserver 默认每 5 分钟发起一次压缩【译注：由 --etcd-compaction-interval 参数控制】，所以你通常不需要自己做压缩。",
         False, "apiserver 默认每 5 分钟发起一次压缩，所以你通常不需要自己做压缩。"),
        ("作者不建议一次性整理整个集群（译者注：即 etcdctl defrag --cluster），而是逐个成员进行。", False,
         "作者不建议一次性整理整个集群，而是逐个成员进行。"),
        ("Defragment one member at a time (translator's note: the leader last) to keep quorum.", False,
         "Defragment one member at a time to keep quorum."),
        # "What happened is" introduces the point; ", say," sets off an example figure.
        ("What had happened is etcd has a quota on the size of its database file.", True,
         "Etcd has a quota on the size of its database file."),
        ("We have, say, istiod 1-23 and istiod 1-24 running side by side.", True,
         "We have istiod 1-23 and istiod 1-24 running side by side."),
        ("If you remember one thing from this talk, it's that the scheduler and the descheduler must agree.", True,
         "The scheduler and the descheduler must agree."),
        ("好 总结一下 能上 spot 的只放短的能重试的 job", True, "能上 spot 的只放短的能重试的 job。"),
        ("② 从负载上升到新 Pod 接流量约 90 秒。", False, "从负载上升到新 Pod 接流量约 90 秒。"),
        # A bracket that is the point itself stays.
        ("默认配额是 2 GB（可以调到 8 GB）。", False, "默认配额是 2 GB（可以调到 8 GB）。"),
    ],
)
def test_edit_only_deletes(text: str, spoken: bool, expected: str) -> None:
    """Hedges, asides and connectives go; a determiner after a hedge stays; nothing is reworded."""
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
    assert edit(sentence(text, lang), spoken) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    "I think basically the proxy so and but we you know actually as I mentioned before Envoy is fast , kind of "
    "sort of honestly I would say traffic -- in gRPC".split()), min_size=1, max_size=25), st.booleans())
def test_edit_never_adds_a_word(words: list[str], spoken: bool) -> None:
    """Every word of an edited takeaway is a word of the source, in the same order (only deletions)."""
    text = " ".join(words)
    out = edit(sentence(text), spoken)
    source = [w.lower().strip(".,") for w in text.split()]
    kept = [w.lower().strip(".,") for w in out.split() if w.strip(".,")]
    it = iter(source)
    assert all(any(w == s for s in it) for w in kept), (text, out)


@pytest.mark.parametrize(
    "text",
    [
        "Both of them use a software layer to manage traffic.",
        "This promotes a highly portable core API.",
        "That's totally open to anybody who wants to help.",
        "That project was a collaborative effort between two teams.",
        "'istioctl analyze' is the other command that's landed.",
        "Another major difference between containers and VMs is isolation.",
        "The second area is the software supply chain.",
        "They just want to write code.",
        "After the change, the traffic path between applications is shown in the figure below.",
        "Particularly, the multitude of services makes the example interesting.",
        "We measured the cost of turning them back on at less than 1% for our services.",
        "Nandan was talking about how GraphQL was created originally for experience APIs.",
        "WG Cost Attribution is a working group formed to answer that question.",
        "On our fleet it's a bit under 1% of CPU, which is mostly the user-space agent.",
        "For Postgres that's everything, because every commit waits for the WAL to hit disk.",
        "It was like trying to get ahead of potential problems instead of addressing specific problems.",
        "You're saying, don't trust the disk, trust the replication.",
        "It's also open for anyone interested to participate.",
        "The platform team then spends its time on reliability work until the budget recovers.",
        "Everything else was using the mesh for mTLS and for layer 4 authorization.",
        "The first month we were burning budget because teams pushed broken code.",
        "About a third of the saving came from moving more batch work to spot.",
        "Very often the explanation is in four numbers in the pod spec.",
        "Over the years that became 11 node groups per cluster.",
        "We are delighted to share that work with the world today.",
        "Eleven times a backup existed but wouldn't restore.",
        "Before, because CPU scaling was too slow, teams had just set huge minimums.",
        "Since then, we run a game day every quarter.",
        "As part of that, we also look at the broader ecosystem of service mesh projects.",
    ],
)
def test_sentences_that_lean_on_what_came_before(text: str) -> None:
    """A pronoun or demonstrative subject, "the other", "another", an ordinal: the sentence needs its neighbours."""
    assert leans_outside(edit(sentence(text), True), "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It is important to measure the overhead yourself.", "en"),
        ("There are three pillars of container security.", "en"),
        ("That is why the release team tightened exceptions.", "en"),
        ("Istio picked Envoy because of its hot restart.", "en"),
        ("Users pick Istio because they get mutual TLS without code changes.", "en"),
        ("Scaling pods and the infrastructure around them is part of optimization.", "en"),
        ("In Istio, it is important to set timeouts on every route.", "en"),
        ("服务网格是一个基础设施层。", "zh"),
        ("Run the load test and then compare the two flame graphs.", "en"),
        ("If the primary fails its health checks, then traffic shifts to the standby.", "en"),
        ("It's easy to see why teams pick a managed control plane.", "en"),
        ("其他项目也通过 xDS 接口下发配置。", "zh"),
        ("Kyverno 是一个策略引擎，它可以审核工作负载是否符合最佳实践。", "zh"),
    ],
)
def test_sentences_that_stand_alone(text: str, lang: str) -> None:
    assert not leans_outside(text, lang)


def test_chinese_sentences_that_lean() -> None:
    assert leans_outside("第二个问题是，Google 等云服务提供商更倾向于告诉用户。", "zh")
    assert leans_outside("这使得管理证书变得更加容易。", "zh")
    assert leans_outside("从图中可以看到，reviews 服务只需要访问 ratings 服务。", "zh")
    assert leans_outside("从前面的 admin 接口的输出可以看到 TCMalloc 预留了 100M 内存。", "zh")
    assert leans_outside("Kubernetes 也不例外，正确的验证可以确保配置安全。", "zh")
    assert leans_outside("特别是 Gateway 资源能够管理网关的生命周期。", "zh")
    assert leans_outside("现在，是时候验证命名空间中实际更新的内容了。", "zh")
    assert leans_outside("例如，我们将公开连通性限制在 Ingress 节点中。", "zh")
    assert leans_outside("更重要的是，在默认配置下 Secret 以明文存储。", "zh")  # more important than what came before
    assert leans_outside("我们又扫描了全部 Service，还有 17 个端口存在同样的问题。", "zh")
    assert not leans_outside("运行时安全和镜像签名同样重要。", "zh")
    assert leans_outside("一个是资源利用率，平均 CPU 只有 8%。", "zh")  # one of the problems the sentence before named
    assert leans_outside("For example, the gateway rejects requests without a token.", "en")
    assert not leans_outside("Gateway 资源能够以 Kubernetes API 管理网关的生命周期。", "zh")
    assert leans_outside("Splunk 技术栈中的下一个安全层级则是 Kubernetes 本身。", "zh")
    assert leans_outside("The combination of the two decides a pod's QoS class.", "en")
    assert not leans_outside("We run a two-tier collector layout.", "en")
    from summarize.score.standalone import goes_on_from_before

    assert goes_on_from_before("因为我们很多模型其实是小模型，算力也用不满。", "zh")
    assert not goes_on_from_before("因为配置复杂，所以用户需要一个更简单的 API。", "zh")
    assert goes_on_from_before("例外是幂等的读接口，可以保留 1 次重试。", "zh")
    assert not leans_outside("下一代服务网格不再需要 Sidecar。", "zh")
    assert unnamed_third_person("在正式推出 envoy 大约 6,7 个月之前，他告诉我他正在开发 envoy。", "zh")
    assert unnamed_third_person("它对内核版本有要求。", "zh")
    assert not unnamed_third_person("Kyverno 是一个策略引擎，它可以审核工作负载。", "zh")
    assert not unnamed_third_person("其他项目也通过 xDS 接口下发配置。", "zh")


def test_list_announcements() -> None:
    """A sentence that ends announcing the list after it is no point of its own."""
    from summarize.score.point_shapes import announces_a_list

    assert announces_a_list("We did two things.")
    assert announces_a_list("To enable the xDS features in gRPC, there are a handful of required changes your application must make.")
    assert announces_a_list("有三个原因：")
    assert announces_a_list("我们做了两件事。")
    assert not announces_a_list("Consul 是一个基于 Raft 协议的服务发现工具，因此你需要至少三个节点。")
    assert not announces_a_list("We did two things: we cut the pod count and moved L7 to waypoints.")
    assert not announces_a_list("Sidecars doubled our pod count.")
    assert not announces_a_list("The runbook starts with what the alert means, and then the first three things to check.")


def test_stories_and_points() -> None:
    """First-person past narrative is a story; advice, reasons and measured effects are points."""
    assert narrates("We started talking to Google.", "en")
    assert narrates("I deployed Jenkins this morning, just to look.", "en")
    assert narrates("At Orbitra Labs we run a checkout platform on a single Kubernetes cluster.", "en")
    assert narrates("星桥银行有大约 1,200 名研发、700 多个服务，跑在 9 个 Kubernetes 集群上。", "zh")  # the stage's size
    assert narrates("栖云保险的业务系统大约有 640 个服务，全部跑在 Sidecar 模式的 Istio 上。", "zh")
    assert not narrates("现在我们只有 3 个集群。", "zh")  # a result, not the stage
    assert not narrates("每个 waypoint 副本约占 60 MiB 内存。", "zh")
    assert narrates("We run 40 clusters with about 12,000 pods in total.", "en")
    assert narrates("去年年底，我们的容器平台规模已经超过了 3000 个节点。", "zh")
    assert not narrates("We run every cluster with one primary and two replicas.", "en")
    assert narrates("We will use a simple application called BookInfo, that displays reviews.", "en")
    assert not narrates("We will never store secrets in Git.", "en")
    assert not narrates("Envoy is becoming the standard sidecar proxy.", "en")
    # A tutorial's steps and its invitations to the next one are how it is told, not what it teaches.
    assert narrates("Now let’s try to route the traffic in ambient mode.", "en")
    assert narrates("Look at the endpoints that a client proxy has received for cart.", "en")
    assert narrates("检查代理和 OPA 日志以确认结果。", "zh")
    assert narrates("现在我们来尝试在 ambient 模式中对流量进行七层路由。", "zh")
    assert not narrates("Run kubeflare migrate to convert stored objects to v1 before upgrading.", "en")
    # The shop's own history, told as a story: the stage for the point.
    assert narrates("We ran Istio with sidecars for three years.", "en")
    assert narrates("For almost six years our platform team ran every endpoint through one ingress.", "en")
    assert narrates("When we started, running Postgres on Kubernetes meant a StatefulSet.", "en")
    assert not narrates("We ran the benchmark for ten minutes on each cluster.", "en")
    assert not narrates("Our team built a scheduler that cut costs by a third.", "en")
    assert narrates("Traditionally, security was based on IP addresses.", "en")
    assert narrates("We originally measured the ingress success rate from the ingress pods' own metrics.", "en")
    assert narrates("过去，签名意味着管理长期密钥。", "zh")
    assert narrates("原来很多告警规则依赖 kube-proxy 暴露的指标。", "zh")
    assert not narrates("原来的微服务框架基于 SDK，升级需要所有业务方配合。", "zh")
    assert not narrates("访问控制是零信任架构的基础。", "zh")
    # The scene a post sets before its point.
    assert narrates("If you have heard anything about service meshes, it is that they use sidecars.", "en")
    assert narrates("在 Kubernetes 的世界中，大规模管理容器化应用程序需要强大而高效的工具。", "zh")
    assert narrates("随着云原生技术的普及，越来越多的团队开始使用服务网格。", "zh")
    assert not narrates("Kubernetes 1.28 adds native support for sidecar containers.", "en")
    assert not narrates("运行时安全和镜像签名同样重要。", "zh")
    # A dated or habitual past is a story too; the present and the passive "is used to" are not.
    assert narrates("For three years our build clusters scaled their runners with a cron job.", "en")
    assert narrates("For the first year we had dashboards for every broker and still missed the outages.", "en")
    assert narrates("Since adopting Linkerd in 2019, the team has wanted a cheaper data plane.", "en")
    assert narrates("We adopted Linkerd in 2019, and the cluster count doubled that year.", "en")
    assert not narrates("Istio was created in 2017 by Google, IBM and Lyft.", "en")
    assert narrates("A change would land on Friday, break staging, and get reverted on Monday.", "en")
    assert narrates("The on-call engineers used to page the database team for every slow query.", "en")
    assert not narrates("The ztunnel is used to encrypt traffic between nodes.", "en")
    assert not narrates("Batch jobs now start in a fraction of the time they used to on Mondays.", "en")
    assert not narrates("A waypoint would be the right place for that policy.", "en")
    assert not narrates("We would set up status alerting before moving the first service, not after the third incident.", "en")
    assert not narrates("Envoy would retry the request on another healthy host.", "en")
    assert not narrates("This would cut cold-start latency in half, by keeping a warm pool.", "en")
    assert not narrates("Teams used to managing their own clusters find namespaces confining.", "en")
    # The shop as it was before the change; not a result told in the same words.
    assert narrates("A year ago we had about twelve clusters and roughly two thousand nodes.", "en")
    assert narrates("For years, every schema change at our shop came with a maintenance window.", "en")
    assert not narrates("For years, Kubernetes has shipped three releases a year.", "en")
    assert narrates("With Cluster Autoscaler we had a node group per instance type.", "en")
    assert narrates("We were using the cluster autoscaler with three fixed node groups.", "en")
    assert not narrates("By the end of the project we had removed 97 of those 140 unexpected edges.", "en")
    assert not narrates("So in the end we had 14 waypoints, not 11.", "en")
    assert not narrates("If we had added the processor there, every trace would have been split.", "en")
    assert not narrates("Developers used to Docker Compose can start with Kompose.", "en")
    assert not narrates("These are the four steps we used to turn it on.", "en")
    assert not narrates("For the past decade, Kubernetes has become the default platform.", "en")
    assert not narrates("For the first few months after a migration, expect elevated error rates.", "en")
    assert narrates("The release notes team would spend the last week chasing authors for notes.", "en")
    assert not narrates("Kubernetes 1.29 adds a new field for pod readiness.", "en")
    assert makes_a_point("Build your services with frame pointers because unwinding depends on them.", "en")
    assert makes_a_point("Fixing it cut the tier from 1,400 to 1,000 cores.", "en")
    assert makes_a_point("每个 waypoint 副本约占 60 MiB 内存，不需要 L7 的服务应该避免部署。", "zh")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("This week, Melanie and Mark learn all about container security with our guest Maya.", "about the post itself"),
        ("Ada and Rory talk with Tomasz Lindqvist of Hollowbrook Labs about what happened when a model outgrew a node.",
         "about the post itself"),
        ("Marcus and Hannah ask her what got better and why she now talks more about Pod requests than nodes.",
         "about the post itself"),
        ('Episode 61, "Stop putting state in your cluster" (the episode Yusuf calls "wrong, but fun")', "about the post itself"),
        ("Since I did co-found SIG testing, I think I have to call out a testing feature that I like.", "about the post itself"),
        ("I lead what we call the cluster lifecycle team.", "self-introduction"),
        ("周牧，青禾智能（qinghe.example.com）基础架构负责人，之前在一家视频公司做了五年转码集群。", "biography"),
        ("In the fifteenth episode of this podcast, your hosts Francesc and Mark interview Varun Talwar.", "about the post itself"),
        ("For an exhaustive list of changes in the release, please see the release notes.", "call to action"),
        ("Take a look at the API concepts documentation to start familiarizing yourself with the APIs.", "call to action"),
        ("按照入门指南探索 Ambient 模式，或阅读我们新的用户指南了解如何逐步采用 Ambient。", "call to action"),
        ("Open an issue in the companion repo or find me in #k8s-beginners.", "call to action"),
        ("Varun is a product manager in charge of gRPC, an open source project created at Google.", "biography"),
        ("I'm a product manager on a project called gRPC at Google.", "self-introduction"),
        ("I’m one of the technical leads for SIG-CLI.", "self-introduction"),
        ("Today's post is by the Istio team showing how you can get visibility for your microservices.", "biography"),
        ("Today's topic is service level objectives for internal platforms.", "about the post itself"),
        ("因此，让我们来看看你可能有误解或没有充分利用的三种能力。", "about the post itself"),
        ("We have the awesome Nandan and David from the Apigee product team.", "about the post itself"),
        ("We'll be talking about managing non-REST APIs like GraphQL and gRPC.", "about the post itself"),
        ("I was working on Kubernetes in multiple areas since 2014, and in 2018 I got appointed a lead.", "self-introduction"),
        ("Today’s post is by the Istio team showing how you can get visibility for your microservices.", "biography"),
        ("In subsequent posts, we'll focus on more advanced capabilities such as request routing.", "about the post itself"),
        ("We're talking to Maya Kaczorowski, who is here to talk to us about container security.", "about the post itself"),
        ("Nandan Sridhar works in the Product Management team at Google Cloud, Apigee.", "biography"),
        ("Nabarun Pal is on the Tanzu team at VMware and served as the Kubernetes 1.21 release team lead.", "biography"),
        ("You can refer toGet Started with Istio Ambient Mesh to deploy the experimental version.", "call to action"),
        ("The steps to configure an egress gateway are described in the blog Consuming External MongoDB Services.",
         "call to action"),
        ("可以参照Get Started with Istio Ambient Mesh 搭建支持 ambient 的 Istio 试验版本。", "call to action"),
        ("Alexandrina has been working on the Getting Started with Apigee YouTube series.", "biography"),
        ("Ville and Mark, what to expect to the future of Knative, either open source or on GCP.", "question"),
        ("Priya tells us how her team cut the cost of their log pipeline in half.", "about the post itself"),
        ("Omar helps us understand the trade-offs between node pools and virtual nodes.", "about the post itself"),
        ("Dana and Omar explain how ambient mode scales to thousands of pods.", "about the post itself"),
        ("Dana also shares what she would tell a team that is two versions behind.", "about the post itself"),
        ("Today we're talking about autoscaling on events with Marisol Quintero from Tixpoint.", "about the post itself"),
        ("We also hear about the migration plan and the network policy that blocked the tunnel port.",
         "about the post itself"),
        ("You'll learn how to attach a policy to a waypoint.", "about the post itself"),
        ("We also talk about recording rules for the dashboards everyone opens.", "about the post itself"),
        ("We get into renewal windows, the ACME rate limit that bit them, and the one certificate in a spreadsheet.",
         "about the post itself"),
        ("Release team shadow for 1.30, then I was the enhancements lead for 1.32.", "self-introduction"),
        ("我在木棉负责内部开发者平台，团队现在十二个人，服务公司里大概六百个研发。", "self-introduction"),
        ("i think the mic is on can you hear me at the back", "chit-chat"),
        ("Okay, let me share my screen so you can follow along.", "chit-chat"),
        ("我是岚山数据平台工程团队的负责人许一帆，今天聊一下内部开发者平台。", "self-introduction"),
        ("我是许青禾，在澜图科技带 DevOps 团队，六个人。", "self-introduction"),
        ("I applied to the release team for 1.25, and I got into the docs team.", "self-introduction"),
        ("当天虽然下着小雨，现场依然来了 90 多位朋友，线上直播观看超过 1200 人次。", "event attendance"),
        ("Over 300 people attended the first edition of the summit in Lisbon.", "event attendance"),
        ("The slides are on the meetup page, and the recording will be up next week.", "where the materials are"),
        ("今天的 PPT 会放在群里，大家可以下载。", "where the materials are"),
        ("国内不少团队遇到过这个问题，原文把原因和解法讲得很清楚，数据也比较完整，所以翻译过来。", "about the post itself"),
    ],
)
def test_editorial_rejections(text: str, reason: str) -> None:
    """Episode blurbs, calls to action, bios and self-introductions are never takeaways."""
    assert rejection(sentence(text), n_tokens=len(text.split()), n_terms=8) == reason


def test_show_notes_that_state_the_point_are_not_blurbs() -> None:
    """ "X explains that …" says the point; only "X explains how/the …" names a topic without saying it."""
    for text in ("Dana explains that ambient mode removes the sidecar from every pod.",
                 "Dana and Omar explain that ambient mode removes the sidecar from every pod.",
                 "HTTPRoute, a resource that describes how requests are matched, is where most teams spend their time.",
                 "The scheduler picks the emptiest node, which explains why the first pod lands far away.",
                 "When I was the tech lead for the migration, we learned that retries need budgets.",
                 "We learned the hard way that every namespace needs a default-deny policy.",
                 "The canary gets 5% of the traffic, and 300 users joined the beta program.",
                 "Envoy and Istio talk to Kubernetes through the API server about every change.",
                 "Teams and operators talk with each other about quotas in the platform channel.",
                 "When a probe fails, open an issue only after the second failure, not the first."):
        assert rejection(sentence(text), n_tokens=len(text.split()), n_terms=8) is None, text


def test_a_chinese_subject_that_also_does_something_goes_on_from_before() -> None:
    from summarize.score.standalone import goes_on_from_before

    assert goes_on_from_before("网关服务还支持按主机名校验证书。", "zh")
    assert goes_on_from_before("我们还维护了一套命令行工具的兼容性测试。", "zh")
    assert not goes_on_from_before("Istio 还是最常见的选择。", "zh")
    assert not goes_on_from_before("这个功能还没有进入稳定版。", "zh")
    assert not goes_on_from_before("还原一次备份需要二十分钟。", "zh")
    assert not goes_on_from_before("Profiling 目前还处于实验阶段，但进展很快。", "zh")
    assert not goes_on_from_before("很多团队还停留在 v1beta1 API 上。", "zh")
    assert not goes_on_from_before("团队偿还技术债务需要专门排期。", "zh")


@pytest.mark.parametrize(
    ("text", "lang", "spoken", "glued"),
    [
        ("Let the kubelet do it and tune it fourth thing is just make the images smaller and fewer", "en", True, True),
        ("One project per team and lock down the destinations the third mistake is turning on auto sync", "en", True, True),
        ("So the fourth thing is to make the images smaller.", "en", True, False),  # the point's own opening
        ("The first option is faster and the second option is cheaper.", "en", True, False),
        ("四句话第一先把内核 OOM 和驱逐分开看第二大机器上默认阈值不够要按比例设。", "zh", True, True),
        ("今天主要三个议题，第一个是多集群管理平台的选型，第二个是日志系统的故障复盘。", "zh", False, True),
        ("第一次上线的时候，第二天就回滚了。", "zh", False, False),  # times, not places in a list
        ("我们的建议是以 SLSA 构建级别 2 为第一个目标。", "zh", False, False),
    ],
)
def test_two_points_of_a_list_in_one_unit_are_a_run_on(text: str, lang: str, spoken: bool, glued: bool) -> None:
    """A talk's next point begun inside a caption unit, or two places of a list in one Chinese sentence."""
    from summarize.score.shape import run_on

    assert run_on(sentence(text, lang), text, spoken) is glued


def test_a_pronoun_after_a_since_or_version_opener_leans() -> None:
    """"Since Kubernetes 1.29 it's been on by default" (judged dangling: "it" is native sidecars): the version's dot
    is no sentence end; the dummy "it is possible to" stands alone."""
    assert leans_outside("Since Kubernetes 1.29 it's been on by default, so you only set restartPolicy: Always.", "en")
    assert leans_outside("In version 1.30 it is on by default.", "en")
    assert not leans_outside("Since Kubernetes 1.29 it is possible to declare native sidecars.", "en")
    assert not leans_outside("Since Kubernetes 1.29, native sidecars are on by default.", "en")


def test_instead_leans_on_what_came_before() -> None:
    assert leans_outside("Gateway API instead lets each implementation attach its own policy resources.", "en")
    assert not leans_outside("Use a Gateway instead of an Ingress for new services.", "en")
    assert leans_outside("Most of the new work has been in that software supply chain area.", "en")
    assert not leans_outside("Teams often find that the control plane area needs the most care.", "en")
    assert not leans_outside("Note that address space exhaustion is a real risk on small clusters.", "en")
    assert not leans_outside("Make sure that each trust domain has its own root CA.", "en")
    assert not leans_outside("Tanka isn't a fork of ksonnet, but instead another implementation of its ideas.", "en")
    assert not leans_outside("If your workloads need L7 policy, deploy a waypoint instead.", "en")


def test_takeaway_json_keeps_the_source_sentence_when_edited() -> None:
    """`source_text` is added when the takeaway is not the sentence verbatim, and only then."""
    import summarize

    text = (
        "HOST: What do you recommend to new users?\n\n"
        "GUEST: I would say teams should turn on mutual TLS before anything else, because it removes a whole "
        "class of attacks.\n\n"
        "HOST: And what about upgrades?\n\n"
        "GUEST: Canary upgrades of the control plane let you roll back a bad release in minutes.\n\n"
        "HOST: Thanks for coming on.\n\nGUEST: Thanks for having me.\n"
    )
    s = summarize.summarize(text, n=2, min_confidence=0)  # both answers, however sure the keep model is
    rows = {t["text"]: t for t in s.to_dict()["takeaways"]}
    edited = rows["Teams should turn on mutual TLS before anything else, because it removes a whole class of attacks."]
    assert edited["source_text"].startswith("I would say teams should")
    verbatim = rows["Canary upgrades of the control plane let you roll back a bad release in minutes."]
    assert "source_text" not in verbatim


@pytest.mark.parametrize(
    "text",
    [
        "Functionalities of Kubernetes ingress, Istio gateway and API gateway.",
        "A hundred and twenty VMs to thirty-four nodes.",
        "A generic ABI for embedding Wasm in proxies, which means compiled extensions will work across versions.",
        "GAMMA Initiative - Gateway API for Service Mesh.",
        "Workload best practices, general tips for running things in Kubernetes efficiently.",
        "Sara, who is a developer advocate for Google Cloud, and also David East.",
    ],
)
def test_fragments_with_no_verb_of_their_own(text: str) -> None:
    """Captions, list items and spoken phrases with no finite verb outside a ", which …" clause."""
    assert lacks_a_verb(text)


@pytest.mark.parametrize(
    "text",
    [
        "Istio supports mutual TLS between sidecars.",
        "Make sure to test that any Istio configuration actually applies.",
        "Istio, which is a service mesh, provides traffic routing.",
        "Envoy autoscales quickly.",
        "Microservices empower you to scale components independently.",
        "The ambient profile installs ztunnel in the cluster.",
        "In Istio, that signal comes from outlier detection.",
        "Developers who will run production code on Kubernetes can benefit from it.",
        "So for very different purposes, I'm very excited about these two protocols.",
        "Then, at the end of the day, you digest it.",
    ],
)
def test_sentences_with_a_verb(text: str) -> None:
    assert not lacks_a_verb(text)


@pytest.mark.parametrize(
    "text",
    [
        # Judged fragments: a participle before its noun, verbs only inside a "that" clause.
        "Shared clusters, one namespace per team, twelve clusters in total.",
        "Making sure that your containers are secure to develop.",
        "Verbose logging that someone turned on during an incident, a year ago, and never turned off.",
    ],
)
def test_verbs_inside_a_that_clause_or_a_participle_are_not_the_sentences(text: str) -> None:
    assert lacks_a_verb(text)


@pytest.mark.parametrize(
    "text",
    [
        "Teams that adopt Istio see fewer outages.",
        "Shared clusters cost less than one cluster per team.",
        "A standard that only we use is not a standard.",
        "A policy that allowed the orders service to call payments would allow the whole namespace.",
        "Having that agreement in writing made the conversation less political.",
        "Well, that sounds really cool.",
        "Resources that have graduated to beta keep their fields.",
        "BackendTLSPolicy, a policy that tells a gateway how to reach a backend, fills the last gap.",
    ],
)
def test_a_that_clause_does_not_hide_the_sentences_verb(text: str) -> None:
    assert not lacks_a_verb(text)


def test_a_list_items_relative_clause_is_not_its_verb() -> None:
    text = "Fields that are considered experimental and have not graduated to standard channel."
    assert lacks_a_verb(text, list_item=True)
    assert not lacks_a_verb("The word that we keep using is idiomatic.")


def test_chinese_questions_typed_with_a_full_stop() -> None:
    assert rejection(sentence("以前我们排查怎么做呢。", "zh"), n_tokens=6, n_terms=4) == "question"


def test_names_that_are_not_bios_or_questions() -> None:
    assert rejection(sentence("Istio works on the data plane for the mesh team and routes every request."),
                     n_tokens=12, n_terms=8) is None
    assert rejection(sentence("Istio, which runs on Kubernetes, routes traffic between services."), n_tokens=10, n_terms=8) is None


def test_spoken_like_between_commas_goes() -> None:
    text = "You don't need Firebase in a view 'cause that, like, messes up the model."
    assert edit(sentence(text), True) == "You don't need Firebase in a view 'cause that, messes up the model."


def test_footnote_marks_are_deleted() -> None:
    assert edit(sentence("一个关键的应用程序故障每小时的成本可能高达 100 万美元*。", "zh"), False) == "一个关键的应用程序故障每小时的成本可能高达 100 万美元。"
    assert edit(sentence("Envoy Gateway 围绕 Kubernetes Gateway API²构建。", "zh"), False) == "Envoy Gateway 围绕 Kubernetes Gateway API构建。"
    assert edit(sentence("Multiply 2*3 in the config."), False) == "Multiply 2*3 in the config."


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("的用户指南，帮助用户快速实现常见用例。", True),
        ("已激发了 SMI 社区讨论可能的集成方式。", True),
        ("以及更多的流量管理功能。", True),
        ("的确，大多数团队都从 sidecar 模式开始。", False),
        ("已知问题包括 waypoint 的内存占用。", False),
        ("已经有超过 100 家公司在生产环境中采用了 Istio。", False),
        ("地址是由控制平面分配的。", False),
        ("Spotify、Lyft、字节和 Shopify。", True),  # the rest of a list a stray "；" cut off
        ("会上有不少公司介绍了自己的实践，包括。", True),
        ("我们同时运行 Istio、Linkerd 和 Cilium。", False),
    ],
)
def test_the_tail_of_a_broken_chinese_sentence_is_a_fragment(text: str, tail: bool) -> None:
    from summarize.score.shape import fragment

    assert fragment(sentence(text, "zh"), text) is tail


def test_a_release_notes_issue_reference_is_left_out() -> None:
    """"（#1187）", "(#4521, #4530)", "(PR #88)" are the tracker's numbers; "(#ff0000)" and "#k8s" are not references."""
    assert edit(sentence("控制面的全量配置下发时间从 11 秒降到 4 秒（#1187）", "zh"), False) == "控制面的全量配置下发时间从 11 秒降到 4 秒。"
    assert edit(sentence("The controller no longer leaks watches (#4521, #4530)."), False) == "The controller no longer leaks watches."
    assert edit(sentence("Retries now back off exponentially (PR #88)."), False) == "Retries now back off exponentially."
    for text in ("Colour codes like (#ff0000) are ignored.", "Ask in the #k8s-beginners channel on Slack."):
        assert edit(sentence(text), False) == text


def test_a_semicolon_typed_for_the_colon_after_a_list_word_prints_as_the_colon() -> None:
    """The splitter reads "包括；" as "包括：" (segment.zh); the takeaway prints it so, and keeps the sentence whole."""
    text = "大会上有多家公司分享了落地经验，包括；Lyft、字节和 Shopify。"
    assert edit(sentence(text, "zh"), False) == "大会上有多家公司分享了落地经验，包括：Lyft、字节和 Shopify。"
    assert edit(sentence("第一步很慢；第二步很快。", "zh"), False) == "第一步很慢；第二步很快。"


@pytest.mark.parametrize(
    ("text", "lang", "stated"),
    [
        ("The lesson is: your inventory of layer 7 use is the whole project.", "en", True),
        ("Our recommendation is simple: add outlier detection to every DestinationRule.", "en", True),
        ("My advice is to do tail sampling in the Collector from day one.", "en", True),
        ("The recommendation: use local limits as a cheap safety net on every service.", "en", True),
        ("So my advice is simple.", "en", False),  # announces the point, does not make it
        ("The reason is that the cache was cold.", "en", False),  # the reason for what?
        ("我的建议是从一开始就在 Collector 里做尾部采样。", "zh", True),
        ("我们的建议是：", "zh", False),
    ],
)
def test_a_point_the_speaker_says_is_the_lesson(text: str, lang: str, stated: bool) -> None:
    from summarize.score.takeaways import stated_point

    assert stated_point(sentence(text, lang), text) is stated


def test_a_stated_lesson_is_not_held_back_as_a_label() -> None:
    from summarize.pipeline import load
    from summarize.score.takeaways import features, reserve_of

    doc = load(
        "We moved nine clusters to ambient mode over two quarters. Most services only needed layer 4.\n\n"
        "The lesson is: your inventory of layer 7 use is the whole project.\n\n"
        "Upgrade time: one afternoon instead of three weeks.\n"
    )
    lesson = next(s.id for s in doc.sentences if s.text.startswith("The lesson"))
    label = next(s.id for s in doc.sentences if s.text.startswith("Upgrade time"))
    assert lesson not in reserve_of(doc) and label in reserve_of(doc)
    assert lesson in features(doc).signposted


@pytest.mark.parametrize(
    ("text", "lang", "objective"),
    [
        ("Why a PDB can block node drains forever, and how to avoid it.", "en", True),
        ("How to roll out the Vertical Pod Autoscaler without evictions.", "en", True),
        ("How the scheduler scores nodes depends on the profile you pick.", "en", False),
        ("How you size requests is the main cost lever.", "en", False),
        ("Why we left: because the bill doubled in a quarter.", "en", False),
        ("Why did the team move to Karpenter?", "en", False),
        ("怎么先用 Warn/Audit 观察，再切到 Deny。", "zh", True),
        ("如何用参数对象让一条策略服务多个团队。", "zh", True),
        ("如何选择取决于集群的规模。", "zh", False),
        ("为什么 Sidecar 会多一跳，因为每个请求要经过两个代理。", "zh", False),
        ("为什么要先观察再拒绝？", "zh", False),
    ],
)
def test_what_a_tutorial_promises_to_teach_is_a_fragment(text: str, lang: str, objective: bool) -> None:
    """An indirect question with no statement of its own ("What you'll learn" lists) is no takeaway; one that goes
    on to say something, answers itself or asks outright is not this kind of fragment."""
    from summarize.score.shape import fragment

    assert fragment(sentence(text, lang), text) is objective


def test_a_reason_with_nothing_it_explains_is_a_fragment() -> None:
    """In an interview, an answer that is only a reason answers the question asked before it."""
    import dataclasses

    from summarize.score.shape import fragment

    def spoken(text: str) -> Sentence:
        return dataclasses.replace(sentence(text), speaker="Priscilla")

    alone = "Because a lot of what runs in a cluster isn't in your Git repo."
    assert fragment(spoken(alone), alone)
    assert not fragment(sentence(alone), alone)  # written: the main clause may follow without a comma
    for text in ("Because this is an open source project, you can deploy Knative to any conformant cluster.",
                 "Because of the sidecar tax we moved every namespace to ambient mode.",
                 "Because we don't build networks in a vacuum-- we build them to support applications.",
                 "Cause and effect are hard to see in distributed traces."):
        assert not fragment(spoken(text), text), text


def test_what_leans_and_what_stands_alone() -> None:
    """Review cases: each rule fires on what it names and not on the look-alikes beside it."""
    for text in ("Ten times faster cold starts are what Wasm gives a function platform.",
                 "ClusterSets, a grouping of clusters that work together, are the unit of placement.",
                 "Three times a day we run the backup job.", "Two times out of three, the retry succeeds.",
                 "We found that incident response got faster after the runbooks.",
                 "The difference is that kube-proxy only works on layer 4.", "The trick is to pin the image digest.",
                 "All else being equal, smaller images start faster.",
                 "The first time you deploy a mesh, everything breaks.",
                 "Over a network that is congested, retries make things worse.",
                 "Under the hood it is just an Envoy filter."):
        assert not leans_outside(text, "en"), text
    for text in ("By March we had cut our node count in half.", "Once we had tracing, the root cause was obvious.",
                 "Because we had no limits, one pod starved the node.",
                 "This release cycle we had 13 enhancements graduating to stable."):
        assert not narrates(text, "en"), text
    for text in ("以前端服务为例，延迟主要来自 DNS 解析。", "以前缀匹配的方式选择路由。"):
        assert not narrates(text, "zh"), text
    for text in ("Eventually that became the default.", "In our case that meant rewriting the chart.",
                 "Today that takes five minutes.", "With Cilium that becomes a single map lookup."):
        assert not lacks_a_verb(text), text



def test_an_early_it_before_any_noun_leans_outside() -> None:
    for text in ("Compile it to Wasm, run it with the shim next to your containers.",
                 "I ran it in dry-run against every release in the production clusters.",
                 "If its users are its authors, an interface is overhead."):
        assert leans_outside(text, "en"), text
    for text in ("We lowered that percentage for the batch profile.", "Within the first day that channel had nine thousand messages."):
        assert leans_outside(text, "en"), text
    assert not leans_outside("We put brokers on a dedicated node pool and excluded that pool from consolidation.", "en")
    for text in ("We're working hard to make it possible to have VMs and pods coexist.",
                 "When the primary fails its health checks, traffic shifts to the standby.",
                 "Karpenter picks the instance type and it consolidates underused nodes."):
        assert not leans_outside(text, "en"), text


def test_a_speaker_trailing_off_or_reporting_is_a_fragment() -> None:
    from summarize.score.shape import fragment

    for text, lang in (("超时之后上游重试，流量更大，然后 HPA 又扩，新 Pod 又是冷的……。", "zh"),
                       ("说它发了一个 DNS 查询，没收到回复，等五秒再重试。", "zh"),
                       ("We tried retries, then timeouts, then...", "en")):
        assert fragment(sentence(text, lang), text), text
    for text, lang in (("说实话这个方案不错。", "zh"), ("Retries amplify load during an outage.", "en")):
        assert not fragment(sentence(text, lang), text), text


def test_a_chinese_speaker_taking_the_floor_is_edited_out() -> None:
    text = "我补充一点，慢启动跟 HPA 要配合好。"
    assert edit(sentence(text, "zh"), True) == "慢启动跟 HPA 要配合好。"
    text = "我看了一下，Velero 的备份存储位置可以配到另一个账号的对象存储。"
    assert edit(sentence(text, "zh"), True) == "Velero 的备份存储位置可以配到另一个账号的对象存储。"


def test_chinese_stories_told_from_before_or_after() -> None:
    assert leans_outside("后来我们做了一个事情，就是不光发数字，还直接给建议值。", "zh")
    assert leans_outside("上线后 CoreDNS 的 QPS 下降了约 85%。", "zh")
    assert not leans_outside("上线时间从两周降到半天。", "zh")
    for text in ("因为我们很多模型其实是小模型，一个模型可能就用四五个 G 显存。", "即便如此，效果也出人意料。",
                 "之后又遇到过一次后端一个小时的故障。", "或者在 Pod 的 dnsConfig 里把 ndots 调成 2。", "问题是，根证书当时是脚本生成的。"):
        assert leans_outside(text, "zh"), text
    assert not leans_outside("因为缓存是冷的，所以第一个请求要两秒。", "zh")  # gives its own consequence
    assert leans_outside("罗浩说的慢启动跟 HPA 要配合好。", "zh")  # what another speaker said
    assert leans_outside("剩下的 35% 是没有被任何 Pod 申请的容量。", "zh")  # the rest of a whole told before
    assert leans_outside("The remaining 35% was capacity no pod requested.", "en")
    for text, lang in (("在迁移之前，我们的开发者在笔记本上直接运行服务。", "zh"), ("前两次断档之所以查不到原因，是因为没看指标。", "zh"),
                       ("The Helm one was the release that couldn't upgrade.", "en"),
                       ("At the end, one of the fourteen applications came back with a broken database.", "en")):
        assert leans_outside(text, lang), text
    assert not leans_outside("我想说的是，慢启动跟 HPA 要配合好。", "zh")
    # an answer's bare yes or no: the question is not on the line
    assert leans_outside("不会，它只读取配置和进程参数，生成报告。", "zh")
    assert leans_outside("是，所以我们后来做了一个清单。", "zh")
    assert not leans_outside("是否开启取决于集群规模。", "zh") and not leans_outside("不会有什么问题。", "zh")
    assert narrates("以前 CoreDNS 副本数是固定的 4 个。", "zh")
    assert not narrates("以前的版本不支持这个字段。", "zh")



def test_a_chinese_label_may_be_a_latin_name() -> None:
    from summarize.score.shape import labelled

    text = "LeastAllocated（默认）：已分配越少得分越高，倾向于摊开。"
    assert labelled(sentence(text, "zh"), text)
    prose = "kube-scheduler 在过滤出所有可行节点之后，会由一系列打分插件给每个节点打分。"
    assert not labelled(sentence(prose, "zh"), prose)


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("Frame pointers: the case for turning them back on.", "en", True),
        ("Action items: Raj drafts the manifests.", "en", True),
        ("To recap: measure developer journeys and publish everything.", "en", True),
        ("If you are new here: Tallyhouse runs in your cluster.", "en", True),  # a subordinate clause heads the rest
        ("Action one, alerts: page on the halted metric.", "en", True),
        ("Native sidecars, one year in — A practical write-up on moving log shippers.", "en", True),
        ("In our case, the rule was: no alert without a runbook.", "en", False),
        ("We adopt Option C: a node agent DaemonSet and a per-cluster gateway Deployment.", "en", False),
        ("Volume snapshots live with the disks: same cloud account, same region.", "en", False),
        ("The rule was: a namespace moves to strict when its plaintext line stays at zero.", "en", False),
        ("可扩展性：我们计划为数据平面扩展提供一流的 API。", "zh", True),
        ("所以翻译函数必须是一个纯函数：输入是缓存中的全部对象，输出是完整的一组资源。", "zh", False),
        ("我们的做法是：每次社区发布新版本时，平台团队整理一张表。", "zh", False),
        ("真正花时间的是三件事：把 SBOM 和运行时对应起来。", "zh", True),  # counts the list it opens
        ("很多人会有一个误解：已有的对象不会因为升级而坏掉。", "zh", True),  # what follows is the myth
        ("【技术人访谈】“又是 DNS”：一次五秒延迟排查。", "zh", True),  # a title; the quote's 是 is no clause
    ],
)
def test_a_clause_before_the_colon_is_no_label(text: str, lang: str, label: bool) -> None:
    from summarize.score.shape import labelled

    assert labelled(sentence(text, lang), text) is label


def test_a_measured_change_is_a_result() -> None:
    from summarize.score.point_shapes import measures_a_change

    for text in ("Moving to provisioned-throughput volumes cut our p99 produce latency from 180 ms to 25 ms.",
                 "The number of pull requests that needed a platform reviewer dropped by roughly 70 percent.",
                 "In return we run about 31% fewer nodes.",
                 "We consolidated from seventy clusters to twelve over about a year."):
        assert measures_a_change(text, "en"), text
    for text in ("waypoint 的数量从 38 个减少到 9 个。", "日均节点数下降了大约四分之一。", "构建时间缩短了 75%。"):
        assert measures_a_change(text, "zh"), text
    for text in ("We moved from VMs to pods last spring.", "The gateway listens on ports 80 to 443.",
                 "Istio 1.22 把 Ambient 模式提升到 Beta。"):
        assert not measures_a_change(text, "en" if text.isascii() else "zh"), text
