package org.exchangehub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    /** Records every group it commits; the first group waits for {@link #release} when {@link #holdFirst} is set. */
    static final class Recorder implements Function<List<Integer>, List<String>> {
        final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean holdFirst = new AtomicBoolean();

        @Override
        public List<String> apply(List<Integer> items) {
            groups.add(List.copyOf(items));
            if (holdFirst.compareAndSet(true, false)) {
                firstStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (items.contains(-1)) {
                throw new IllegalStateException("the database refused the group");
            }
            return items.stream().map(i -> "committed " + i).toList();
        }
    }

    final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Starts {@code count} callers submitting 1..count while the first group (item 0) is held, then releases it. */
    List<Future<String>> submitWhileAGroupCommits(GroupCommit<Integer, String> commits, Recorder recorder, int count)
            throws Exception {
        recorder.holdFirst.set(true);
        Future<String> first = callers.submit(() -> commits.submit(0));
        assertThat(recorder.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> results = new ArrayList<>(List.of(first));
        for (int i = 1; i <= count; i++) {
            int item = i;
            results.add(callers.submit(() -> commits.submit(item)));
        }
        // every caller has queued its item once the queue holds them all; the leader is still held in the first group
        while (queued(commits) < count) {
            Thread.onSpinWait();
        }
        recorder.release.countDown();
        return results;
    }

    static int queued(GroupCommit<?, ?> commits) {
        return commits.queued();
    }

    @Nested
    class Submit {

        @Test
        void aCallerAloneCommitsAtOnceInAGroupOfItsOwn() {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 8);

            assertThat(commits.submit(7)).isEqualTo("committed 7");
            assertThat(commits.submit(8)).isEqualTo("committed 8");
            assertThat(recorder.groups).containsExactly(List.of(7), List.of(8));
        }

        @Test
        void callersThatArriveDuringACommitShareTheNextOneAndEachGetsItsOwnOutcome() throws Exception {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 64);

            List<Future<String>> results = submitWhileAGroupCommits(commits, recorder, 20);

            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("committed " + i);
            }
            assertThat(recorder.groups).hasSize(2);
            assertThat(recorder.groups.get(0)).containsExactly(0);
            assertThat(recorder.groups.get(1)).containsExactlyInAnyOrderElementsOf(range(1, 20));
        }

        @Test
        void noGroupIsLargerThanItsLimit() throws Exception {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 6);

            List<Future<String>> results = submitWhileAGroupCommits(commits, recorder, 20);

            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("committed " + i);
            }
            assertThat(recorder.groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(6));
            assertThat(recorder.groups.stream().mapToInt(List::size).sum()).isEqualTo(21);
            assertThat(recorder.groups).hasSize(1 + 4); // the held one, then 20 in groups of at most 6
        }

        @Test
        void aFailedCommitFailsEveryItemOfItsGroupAndNoOther() throws Exception {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 64);
            recorder.holdFirst.set(true);
            Future<String> first = callers.submit(() -> commits.submit(0));
            assertThat(recorder.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> poisoned = callers.submit(() -> commits.submit(-1));
            Future<String> sameGroup = callers.submit(() -> commits.submit(5));
            while (queued(commits) < 2) {
                Thread.onSpinWait();
            }
            recorder.release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("committed 0");
            for (Future<String> failed : List.of(poisoned, sameGroup)) {
                assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("the database refused the group");
            }
            assertThat(commits.submit(9)).isEqualTo("committed 9");
        }

        @Test
        void anInterruptedCallerStillWaitsForItsCommitAndKeepsItsInterrupt() throws Exception {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 64);
            recorder.holdFirst.set(true);
            Future<String> first = callers.submit(() -> commits.submit(0));
            assertThat(recorder.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread follower = new Thread(() -> {
                String outcome = commits.submit(1);
                interruptKept.set(Thread.currentThread().isInterrupted() && outcome.equals("committed 1"));
            });
            follower.start();
            while (queued(commits) < 1) {
                Thread.onSpinWait();
            }
            follower.interrupt();
            recorder.release.countDown();
            follower.join(10_000);

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("committed 0");
            assertThat(interruptKept).isTrue();
            assertThat(recorder.groups).containsExactly(List.of(0), List.of(1));
        }

        @Test
        void manyCallersAtOnceEachGetTheirOwnOutcomeAndEveryItemIsCommittedOnce() throws Exception {
            Recorder recorder = new Recorder();
            GroupCommit<Integer, String> commits = new GroupCommit<>(recorder, 32);
            List<Future<String>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(callers.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        int item = thread * 1000 + i;
                        if (!commits.submit(item).equals("committed " + item)) {
                            return "wrong outcome for " + item;
                        }
                    }
                    return "ok";
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
            List<Integer> committed =
                    recorder.groups.stream().flatMap(List::stream).toList();
            assertThat(committed).hasSize(4000).doesNotHaveDuplicates();
        }
    }

    @Test
    void aGroupLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new GroupCommit<Integer, String>(new Recorder(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxGroup must be 1 or more");
    }

    static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}
