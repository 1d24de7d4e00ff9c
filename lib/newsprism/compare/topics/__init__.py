"""The finding topics, registered in order: one module per topic, one line each in ``REGISTRY``.

Each module declares ``TOPIC = Topic(name, base, (finder, ...))`` (see
:mod:`newsprism.compare.topics.common`): the name is the ``topic`` column of the findings,
``base`` the weight that ranks the topic among equally strong findings, and each finder
``finder(run, options) -> rows`` turns the run's tables into finding rows. The order below
is the order in which readers meet the topics (``TOPICS``); the finders of a topic run in
the order the topic lists them.
"""

from newsprism.compare.topics import framing, naming, selection, sourcing, voices
from newsprism.compare.topics.common import Topic

REGISTRY: tuple[Topic, ...] = (
    voices.TOPIC,
    naming.TOPIC,
    framing.TOPIC,
    sourcing.TOPIC,
    selection.TOPIC,
)
