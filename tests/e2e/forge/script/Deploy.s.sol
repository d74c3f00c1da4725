// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {MiniScript} from "./MiniScript.sol";
import {Counter} from "../src/Counter.sol";

/// Deploys a Counter starting at START (default 100) and counts twice, all broadcast as the sender forge is given
/// (--private-key, or --unlocked --sender with the node's account).
contract Deploy is MiniScript {
    function run() external returns (Counter counter) {
        uint256 start = vm.envOr("START", uint256(100));
        vm.startBroadcast();
        counter = new Counter(start);
        counter.increment();
        counter.add(5, 1000);
        vm.stopBroadcast();
    }
}
