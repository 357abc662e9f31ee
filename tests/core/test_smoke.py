from kursk_annotator.core.workspace import Workspace


def test_sample_store_has_five_articles(sample_workspace: Workspace) -> None:
    assert len(sample_workspace.articles.list()) == 5
